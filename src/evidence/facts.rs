//! Facts: the topics' files (`facts/TOPIC.toml`) read, and each fact
//! checked as it is added: its id and aliases, its quotes against their
//! sources, the people and states it names, what it supersedes. Part of
//! [`Evidence::build_in`](super::Evidence::build_in), after the sources,
//! people and glossary it refers to.

use std::collections::HashMap;

use toml::Spanned;

use super::checks::{is_id, page_id_problem, parse_toml, resolve, Ctx};
use super::quote::Folded;
use super::records::*;
use super::types::*;
use super::{quote, states};
use crate::load::ContentFile;

/// Adds the facts of `fact_files` (`(topic slug, file)`) to `ev`, topics in
/// order of weight then slug; `source_ids` and `person_ids` are the ids the
/// facts may cite.
pub(super) fn add(
    cx: &mut Ctx,
    ev: &mut Evidence,
    fact_files: Vec<(String, ContentFile)>,
    source_ids: &HashMap<String, usize>,
    person_ids: &HashMap<String, usize>,
) {
    let mut parsed_topics: Vec<(Topic, usize, Vec<FactInput>)> = Vec::new();
    for (slug, f) in fact_files {
        match parse_toml::<FactFile>(&f.source, "facts file") {
            Ok(ff) => {
                if !is_id(&slug) {
                    cx.err(&f.source, 0, format!("`facts/{slug}.toml`: the file name is the topic's id and must be lowercase letters, digits and hyphens"), format!("rename it to facts/{}.toml", slug::slugify(&slug)));
                } else if let Some(why) = page_id_problem(&slug) {
                    cx.err(
                        &f.source,
                        0,
                        format!("`facts/{slug}.toml`: the file name is the topic's id, and {why}"),
                        "rename the file",
                    );
                }
                let title = ff.title.clone().unwrap_or_else(|| {
                    let t = slug.replace('-', " ");
                    let mut c = t.chars();
                    c.next()
                        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                        .unwrap_or_default()
                });
                ev.files.push(f.source);
                parsed_topics.push((
                    Topic {
                        slug,
                        title,
                        weight: ff.weight.unwrap_or(i64::MAX),
                    },
                    ev.files.len() - 1,
                    ff.fact,
                ));
            }
            Err(d) => cx.diags.push(d),
        }
    }
    parsed_topics.sort_by(|a, b| (a.0.weight, &a.0.slug).cmp(&(b.0.weight, &b.0.slug)));

    let mut pending_superseded: Vec<(usize, Spanned<String>)> = Vec::new();
    // Borrowed while facts are added (a copy per fact copied the whole
    // file for each of its facts: quadratic in the facts of a topic).
    let files = std::mem::take(&mut ev.files);
    // Each source's text folded for quote matching, at its first quote,
    // and dropped once the quotes are checked.
    let mut folded: Vec<Option<Folded>> = vec![None; ev.sources.len()];
    for (ti, (topic, file_idx, facts)) in parsed_topics.into_iter().enumerate() {
        ev.topics.push(topic);
        for fi in facts {
            let file = &files[file_idx];
            let id = fi.id.get_ref().clone();
            let index = ev.facts.len();
            if !is_id(&id) {
                cx.err(
                    file,
                    fi.id.span().start,
                    format!("`{id}` cannot be a fact id"),
                    "use lowercase letters, digits and hyphens, e.g. \"ice-access-hours\"",
                );
                continue;
            }
            if let Some(why) = page_id_problem(&id) {
                cx.err(
                    file,
                    fi.id.span().start,
                    format!("`{id}` cannot be a fact id: {why}"),
                    "choose a shorter id, e.g. \"ice-access-hours\"",
                );
                continue;
            }
            if let Some(&other) = ev.fact_ids.get(&id) {
                let other_id = ev
                    .facts
                    .get(other)
                    .map(|f| f.id.clone())
                    .unwrap_or_default();
                let what = if other_id == id {
                    "another fact's id".to_string()
                } else {
                    format!("an earlier id (alias) of fact `{other_id}`")
                };
                cx.err(
                    file,
                    fi.id.span().start,
                    format!("the fact id `{id}` is already {what}"),
                    "fact ids are never reused: give this fact a new id",
                );
                continue;
            }
            ev.fact_ids.insert(id.clone(), index);
            let mut aliases = Vec::new();
            for a in &fi.aliases {
                let name = a.get_ref();
                let problem = if *name == id {
                    Some((
                        format!("`{name}` is this fact's own id, not an earlier one"),
                        "remove it from aliases".to_string(),
                    ))
                } else if !is_id(name) {
                    Some((
                        format!("`{name}` cannot be a fact id"),
                        "aliases are earlier ids: lowercase letters, digits and hyphens"
                            .to_string(),
                    ))
                } else if let Some(why) = page_id_problem(name) {
                    Some((
                        format!("`{name}` cannot be a fact id: {why}"),
                        "an alias gets a page that redirects: remove this one".to_string(),
                    ))
                } else if let Some(&other) = ev.fact_ids.get(name) {
                    let other_id = ev
                        .facts
                        .get(other)
                        .map(|f| f.id.clone())
                        .unwrap_or_default();
                    Some((
                        format!("the alias `{name}` is already used by fact `{other_id}`"),
                        "an old id belongs to one fact only; remove it here or there".to_string(),
                    ))
                } else {
                    None
                };
                match problem {
                    Some((msg, help)) => cx.err(file, a.span().start, msg, help),
                    None => {
                        ev.fact_ids.insert(name.clone(), index);
                        aliases.push(name.clone());
                    }
                }
            }
            if fi.statement.trim().is_empty() {
                cx.err(
                    file,
                    fi.id.span().start,
                    format!("fact `{id}` has an empty statement"),
                    "write the claim as one plain sentence",
                );
            }
            if fi.attribution.trim().is_empty() {
                cx.err(
                    file,
                    fi.id.span().start,
                    format!("fact `{id}` does not say who claims it"),
                    "set attribution as the source does, e.g. \"according to the agreement\"",
                );
            }
            // Citations.
            let mut inputs: Vec<CiteInput> = fi.cite.clone();
            match (&fi.source, &fi.quote) {
                (Some(s), Some(q)) => inputs.insert(
                    0,
                    CiteInput {
                        source: s.clone(),
                        quote: q.clone(),
                    },
                ),
                (Some(s), None) => cx.err(
                    file,
                    s.span().start,
                    format!("fact `{id}` names a source but no quote"),
                    "add quote = \"...\" with the source's exact words",
                ),
                (None, Some(q)) => cx.err(
                    file,
                    q.span().start,
                    format!("fact `{id}` has a quote but no source"),
                    "add source = \"SOURCE-ID\"",
                ),
                (None, None) => {}
            }
            if inputs.is_empty() {
                cx.err(
                    file,
                    fi.id.span().start,
                    format!("fact `{id}` cites no source"),
                    "add source = \"SOURCE-ID\" and quote = \"...\" with the source's exact words",
                );
            }
            if fi.when.as_deref().is_some_and(|w| w.trim().is_empty()) {
                cx.err(
                    file,
                    fi.id.span().start,
                    format!("fact `{id}` has an empty `when`"),
                    "write the source's words for when (\"Monday\"), or delete the line",
                );
            }
            let mut citations = Vec::new();
            for c in &inputs {
                let no_source = c.source.get_ref().trim().is_empty();
                let no_quote = c.quote.get_ref().trim().is_empty();
                if no_source {
                    cx.err(
                        file,
                        c.source.span().start,
                        format!("fact `{id}` has an empty `source`"),
                        "write the id of a source in content/sources/ (its file name without .md)",
                    );
                }
                if no_quote {
                    cx.err(
                        file,
                        c.quote.span().start,
                        format!("fact `{id}` has an empty `quote`"),
                        "copy the source's exact words that support the statement",
                    );
                }
                if no_source || no_quote {
                    continue;
                }
                let Some(si) = resolve(cx, file, source_ids, &c.source, "source", || {
                    ev.sources.iter().map(|s| s.id.as_str()).collect()
                }) else {
                    continue;
                };
                let source = &ev.sources[si];
                let folded = folded[si].get_or_insert_with(|| Folded::new(source.text()));
                match quote::find(folded, c.quote.get_ref()) {
                    Some(range) => {
                        ev.sources[si].quoted.push((range.clone(), index));
                        citations.push(Citation {
                            source: si,
                            quote: c.quote.get_ref().clone(),
                            range,
                        });
                    }
                    None => {
                        let cut = quote::cut_words(folded, c.quote.get_ref());
                        let (msg_extra, help) = match (cut, quote::nearest(folded, c.quote.get_ref())) {
                            (Some(cut), _) => {
                                let mut parts = Vec::new();
                                if let Some(w) = &cut.start {
                                    parts.push(format!("starts inside the word `{w}`"));
                                }
                                if let Some(w) = &cut.end {
                                    parts.push(format!("ends inside the word `{w}`"));
                                }
                                (
                                    format!(" as whole words: in the source, the quote {}", parts.join(" and ")),
                                    "quote whole words: start and end the quote where the source's words start and end".to_string(),
                                )
                            }
                            (None, Some(m)) if m.matched_words * 2 >= m.quote_words => {
                                let passage = source.text()[m.range.clone()].trim().to_string();
                                let diff = match (&m.quote_word, &m.source_word) {
                                    (Some(q), Some(s)) => format!("the quote has `{q}` where the source has `{s}`"),
                                    (Some(q), None) => format!("the source's passage ends before `{q}`"),
                                    _ => "they differ".to_string(),
                                };
                                (format!("; {diff}"), format!("the closest passage in the source is: \"{passage}\" — copy the words exactly"))
                            }
                            (None, _) => (String::new(), "copy the words exactly from the source's text; only spacing, quote marks and dashes may differ".to_string()),
                        };
                        cx.err(
                            file,
                            c.quote.span().start,
                            format!(
                                "the quote of fact `{id}` is not in source `{}`{msg_extra}",
                                source.id
                            ),
                            help,
                        );
                    }
                }
            }
            let date = fi
                .date
                .as_ref()
                .and_then(|d| cx.date(file, d, fi.precision.as_ref()));
            if let (Some(p), None) = (&fi.precision, &fi.date) {
                cx.err(
                    file,
                    p.span().start,
                    format!("fact `{id}` has a precision but no date"),
                    "remove `precision`, or add the date it describes",
                );
            }
            let status = *fi.status.get_ref();
            match (status, &fi.superseded_by) {
                (Status::Superseded, None) => cx.err(
                    file,
                    fi.status.span().start,
                    format!("fact `{id}` is superseded but does not say by what"),
                    "add superseded_by = \"NEW-FACT-ID\"",
                ),
                (s, Some(by)) if s != Status::Superseded => cx.err(
                    file,
                    by.span().start,
                    format!(
                        "fact `{id}` names a successor but its status is {}",
                        s.name()
                    ),
                    "set status = \"superseded\", or remove superseded_by",
                ),
                _ => {}
            }
            if let Some(by) = &fi.superseded_by {
                pending_superseded.push((index, by.clone()));
            }
            let people: Vec<usize> = fi
                .people
                .iter()
                .filter_map(|p| {
                    resolve(cx, file, person_ids, p, "person", || {
                        ev.people.iter().map(|x| x.id.as_str()).collect()
                    })
                })
                .collect();
            for &p in &people {
                ev.people[p].facts.push(index);
            }
            let mut fact_states: Vec<usize> = Vec::new();
            for code in &fi.states {
                match states::index(code.get_ref()) {
                    Some(si) if fact_states.contains(&si) => cx.err(
                        file,
                        code.span().start,
                        format!("fact `{id}` names the state `{}` twice", code.get_ref()),
                        "list each state once",
                    ),
                    Some(si) => fact_states.push(si),
                    None => cx.err(
                        file,
                        code.span().start,
                        format!("`{}` is not the postal code of a US state or DC", code.get_ref()),
                        match states::guess(code.get_ref()) {
                            Some(g) => format!("did you mean \"{}\" ({})?", states::STATES[g].code, states::STATES[g].name),
                            None => "use two capital letters: \"CA\" for California, \"DC\" for the District of Columbia".to_string(),
                        },
                    ),
                }
            }
            ev.facts.push(Fact {
                id,
                aliases,
                statement: fi.statement,
                attribution: fi.attribution,
                topic: ti,
                extra_topics: fi.topics,
                citations,
                date,
                when: fi.when,
                status,
                superseded_by: None,
                supersedes: Vec::new(),
                people,
                states: fact_states,
                place: (file_idx, fi.id.span().start),
                updated: None,
            });
        }
    }
    ev.files = files;
    drop(folded);
    let mut by_places = HashMap::new();
    for (index, by) in pending_superseded {
        let file = &ev.files[ev.facts[index].place.0];
        // The names are listed only for an unknown id.
        if let Some(target) = resolve(cx, file, &ev.fact_ids, &by, "fact", || {
            ev.facts.iter().map(|f| f.id.as_str()).collect()
        }) {
            if target == index {
                cx.err(
                    file,
                    by.span().start,
                    format!("fact `{}` cannot supersede itself", ev.facts[index].id),
                    "name the newer fact",
                );
            } else {
                ev.facts[index].superseded_by = Some(target);
                ev.facts[target].supersedes.push(index);
                by_places.insert(index, by.span().start);
            }
        }
    }
    for cycle in supersede_cycles(&ev.facts) {
        let first = cycle[0];
        let chain: Vec<&str> = cycle
            .iter()
            .chain(std::iter::once(&first))
            .map(|&i| ev.facts[i].id.as_str())
            .collect();
        let file = &ev.files[ev.facts[first].place.0];
        cx.err(
            file,
            by_places
                .get(&first)
                .copied()
                .unwrap_or(ev.facts[first].place.1),
            format!(
                "facts supersede each other in a circle ({}), so none of them is the current one",
                chain.join(" → ")
            ),
            "the newest fact must not be superseded: remove its superseded_by and set its status",
        );
    }
    for f in &mut ev.facts {
        f.extra_topics.retain(|t| !t.is_empty());
    }
    let topic_slugs: Vec<String> = ev.topics.iter().map(|t| t.slug.clone()).collect();
    for f in &ev.facts {
        for t in &f.extra_topics {
            if !topic_slugs.contains(t) {
                let file = &ev.files[f.place.0];
                let refs: Vec<&str> = topic_slugs.iter().map(String::as_str).collect();
                cx.err(
                    file,
                    f.place.1,
                    format!(
                        "fact `{}` names the topic `{t}`, which has no facts file",
                        f.id
                    ),
                    format!(
                        "{} (topics are the files in content/facts/)",
                        crate::diagnostics::suggestion(t, &refs)
                    ),
                );
            }
        }
    }
}

/// Every circle of `superseded_by` links (a → b → a), each once, starting
/// at its first fact in site order. Linear: each fact is walked once.
fn supersede_cycles(facts: &[Fact]) -> Vec<Vec<usize>> {
    // 0: not seen, 1: on the current walk, 2: done.
    let mut state = vec![0u8; facts.len()];
    let mut cycles = Vec::new();
    for start in 0..facts.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                0 => {
                    state[i] = 1;
                    path.push(i);
                    at = facts[i].superseded_by;
                }
                1 => {
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    let mut cycle = path[from..].to_vec();
                    let low = (0..cycle.len()).min_by_key(|&k| cycle[k]).unwrap_or(0);
                    cycle.rotate_left(low);
                    cycles.push(cycle);
                    break;
                }
                _ => break,
            }
        }
        for p in path {
            state[p] = 2;
        }
    }
    cycles
}
