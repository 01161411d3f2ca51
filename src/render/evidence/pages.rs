//! The evidence pages themselves: the fact index, its topic and status
//! pages and every fact's page, sources, the timeline, lawsuits, people,
//! the glossary and the updates log, each rendered from its view.

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::evidence::{paths, Status};
use crate::output::path_to_file;

use super::super::Renderer;
use super::*;

impl Renderer<'_> {
    /// Every evidence page in `l`: `(output file, html)`.
    pub fn evidence_pages(
        &self,
        l: &Lang<'_>,
        views: &EvidenceViews,
    ) -> Result<Vec<(String, String)>, Vec<Diagnostic>> {
        let ev = self.ev();
        let lang = l.code;
        let s = l.strings;
        let urls = self.urls();
        let results: std::cell::RefCell<Vec<Result<(String, String), Diagnostic>>> =
            Default::default();
        let emit = |path: String, template: &str, item: &dyn erased::Item| {
            let path = l.path(&path);
            let url = urls.url(&path);
            results.borrow_mut().push(
                item.render(self, template, lang, &url)
                    .map(|html| (path_to_file(&path), html)),
            );
        };

        if !ev.facts.is_empty() {
            let groups: Vec<FactGroup> = ev
                .topics
                .iter()
                .enumerate()
                .map(|(ti, t)| {
                    self.fact_group(
                        l,
                        t.slug.clone(),
                        smart(l.topic_title(ti), self.site),
                        urls.url(&l.path(&paths::topic(&t.slug))),
                        ev.in_topic(ti)
                            .into_iter()
                            .filter(|&i| ev.facts[i].topic == ti)
                            .collect(),
                        views,
                    )
                })
                .collect();
            let filters = self.fact_filters(l, views);
            emit(
                paths::FACTS.to_string(),
                "facts.html",
                &Facts {
                    facts: FactsView {
                        title: s.get("fact_index").to_string(),
                        url: urls.url(&l.path(paths::FACTS)),
                        groups,
                        filters: filters.clone(),
                        is_index: true,
                        statuses_vary: filters.statuses.len() > 1,
                        compact: true,
                    },
                },
            );
            for (ti, t) in ev.topics.iter().enumerate() {
                let title = smart(l.topic_title(ti), self.site);
                emit(
                    paths::topic(&t.slug),
                    "facts.html",
                    &Facts {
                        facts: FactsView {
                            title: format!("{}: {title}", s.get("facts")),
                            url: urls.url(&l.path(&paths::topic(&t.slug))),
                            groups: vec![self.fact_group(
                                l,
                                t.slug.clone(),
                                title.clone(),
                                urls.url(&l.path(&paths::topic(&t.slug))),
                                ev.in_topic(ti),
                                views,
                            )],
                            filters: filters.clone(),
                            is_index: false,
                            statuses_vary: filters.statuses.len() > 1,
                            compact: false,
                        },
                    },
                );
            }
            for status in Status::ALL {
                let facts: Vec<usize> = (0..ev.facts.len())
                    .filter(|&i| ev.facts[i].status == status)
                    .collect();
                let label = s.get(&format!("status_{}", status.name())).to_string();
                emit(
                    paths::status(status.name()),
                    "facts.html",
                    &Facts {
                        facts: FactsView {
                            title: format!("{}: {label}", s.get("facts")),
                            url: urls.url(&l.path(&paths::status(status.name()))),
                            groups: vec![self.fact_group(
                                l,
                                status.name().to_string(),
                                label,
                                urls.url(&l.path(&paths::status(status.name()))),
                                facts,
                                views,
                            )],
                            filters: filters.clone(),
                            is_index: false,
                            statuses_vary: filters.statuses.len() > 1,
                            compact: true,
                        },
                    },
                );
            }
            // Fact pages are the many: render them in parallel, in order.
            let render_one = |path: String, template: &str, item: &dyn erased::Item| {
                let path = l.path(&path);
                let url = urls.url(&path);
                item.render(self, template, lang, &url)
                    .map(|html| (path_to_file(&path), html))
            };
            let pages: Vec<Vec<Result<(String, String), Diagnostic>>> = (0..ev.facts.len())
                .into_par_iter()
                .map(|i| {
                    let f = &ev.facts[i];
                    let mut files = vec![render_one(
                        paths::fact(&f.id),
                        "fact.html",
                        &One {
                            fact: FactPage {
                                fact: views.facts[i].clone(),
                                cited_by: views.backlinks[i].clone(),
                                updates: ev
                                    .updates
                                    .iter()
                                    .enumerate()
                                    .filter(|(_, u)| u.facts.contains(&i))
                                    .map(|(ui, _)| self.update_view(l, ui))
                                    .collect(),
                                map: self.map_of(l, i),
                                history: self.fact_history(l, i),
                            },
                        },
                    )];
                    for alias in &f.aliases {
                        files.push(render_one(
                            paths::fact(alias),
                            "redirect.html",
                            &Redirect {
                                redirect: RedirectView {
                                    to: urls.url(&l.path(&paths::fact(&f.id))),
                                    title: views.facts[i].statement.clone(),
                                },
                            },
                        ));
                    }
                    files
                })
                .collect();
            results.borrow_mut().extend(pages.into_iter().flatten());
        }

        if !ev.sources.is_empty() {
            let list: Vec<SourceView> = (0..ev.sources.len())
                .map(|i| self.source_view(l, i, views, false))
                .collect();
            emit(
                paths::SOURCES.to_string(),
                "sources.html",
                &Sources { sources: list },
            );
            for (i, src) in ev.sources.iter().enumerate() {
                emit(
                    paths::source(&src.id),
                    "source.html",
                    &OneSource {
                        source: self.source_view(l, i, views, true),
                    },
                );
            }
        }

        if !ev.events.is_empty() {
            let mut events = self.event_views(l, false);
            for (e, view) in ev.events.iter().zip(events.iter_mut()) {
                view.facts = e.facts.iter().map(|&f| views.facts[f].clone()).collect();
            }
            let undated = ev.events.iter().filter(|e| e.date.is_none()).count();
            emit(
                paths::TIMELINE.to_string(),
                "timeline.html",
                &Timeline {
                    timeline_groups: self.event_groups(l, &events),
                    timeline: events,
                    timeline_graphic: self.timeline_graphic(l),
                    timeline_undated: undated,
                },
            );
        }

        if !ev.lawsuits.is_empty() {
            let list: Vec<LawsuitView> = (0..ev.lawsuits.len())
                .map(|i| self.lawsuit_view(l, i, views))
                .collect();
            emit(
                paths::LAWSUITS.to_string(),
                "lawsuits.html",
                &Lawsuits {
                    lawsuits: list.clone(),
                },
            );
            for lv in list {
                emit(
                    paths::lawsuit(&lv.id),
                    "lawsuit.html",
                    &OneLawsuit { lawsuit: lv },
                );
            }
        }

        if !ev.people.is_empty() {
            let people = ev
                .people
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let text = l.person(i);
                    let role = l.pick(text.and_then(|t| t.role.as_deref()), &p.role);
                    PersonView {
                        id: p.id.clone(),
                        name: smart(l.person_name(i), self.site),
                        role: smart(role.text, self.site),
                        kind: match p.kind {
                            PersonKind::Person => "person",
                            PersonKind::Organization => "organization",
                        },
                        facts: p.facts.iter().map(|&f| views.facts[f].clone()).collect(),
                        lang: l.lang_of(role.translated),
                        stale: text.is_some_and(|t| !t.stale.is_empty()),
                    }
                })
                .collect();
            emit(paths::PEOPLE.to_string(), "people.html", &People { people });
        }

        if !ev.terms.is_empty() {
            let terms = ev
                .terms
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let text = l.term(i);
                    let definition =
                        l.pick(text.and_then(|x| x.definition.as_deref()), &t.definition);
                    let term = l.pick(text.and_then(|x| x.term.as_deref()), &t.term);
                    let expansion = text
                        .and_then(|x| x.expansion.as_deref())
                        .filter(|_| !l.is_original())
                        .or(t.expansion.as_deref());
                    GlossaryView {
                        id: t.id.clone(),
                        term: term.text.to_string(),
                        expansion: expansion.map(|x| smart(x, self.site)),
                        definition: inline_html(definition.text, self.site),
                        lang: l.lang_of(definition.translated),
                        stale: text.is_some_and(|x| !x.stale.is_empty()),
                    }
                })
                .collect();
            emit(
                paths::GLOSSARY.to_string(),
                "glossary.html",
                &Glossary { glossary: terms },
            );
        }

        if !ev.updates.is_empty() || !ev.facts.is_empty() {
            let updates = (0..ev.updates.len())
                .map(|i| self.update_view(l, i))
                .collect();
            emit(
                paths::UPDATES.to_string(),
                "updates.html",
                &Updates { updates },
            );
        }

        let (ok, errors): (Vec<_>, Vec<_>) =
            results.into_inner().into_iter().partition(Result::is_ok);
        if errors.is_empty() {
            Ok(ok.into_iter().flatten().collect())
        } else {
            Err(errors.into_iter().filter_map(Result::err).collect())
        }
    }

    /// A group of facts (`ids`, in order) with its rows: runs of
    /// near-identical statements become one row (see [`runs`]).
    pub(super) fn fact_group(
        &self,
        l: &Lang<'_>,
        slug: String,
        title: String,
        url: String,
        ids: Vec<usize>,
        views: &EvidenceViews,
    ) -> FactGroup {
        let statements: Vec<&str> = ids.iter().map(|&i| l.statement(i).text.trim()).collect();
        let found = runs::runs(&statements);
        let mut rows = Vec::new();
        let mut next = 0;
        let single = |k: usize| FactRow {
            lead: None,
            items: vec![FactItem {
                fact: views.facts[ids[k]].clone(),
                text: views.facts[ids[k]].statement.clone(),
            }],
            same_meta: true,
        };
        for run in &found {
            rows.extend((next..run.start).map(single));
            let items: Vec<FactItem> = (0..run.len)
                .map(|k| {
                    let i = ids[run.start + k];
                    FactItem {
                        fact: views.facts[i].clone(),
                        text: inline_html(
                            statements[run.start + k][run.shared[k]..].trim(),
                            self.site,
                        ),
                    }
                })
                .collect();
            let meta = |f: &FactView| {
                (
                    f.status,
                    f.attribution.clone(),
                    f.when.as_ref().map(|w| w.display.clone()),
                    f.superseded_by.is_some(),
                    f.lang.clone(),
                )
            };
            let same_meta = items
                .windows(2)
                .all(|w| meta(&w[0].fact) == meta(&w[1].fact));
            let lead = format!("{} …", &statements[run.start][..run.shared[0]]);
            rows.push(FactRow {
                lead: Some(inline_html(&lead, self.site)),
                items,
                same_meta,
            });
            next = run.start + run.len;
        }
        rows.extend((next..ids.len()).map(single));
        FactGroup {
            slug,
            title,
            url,
            facts: ids.iter().map(|&i| views.facts[i].clone()).collect(),
            rows,
        }
    }

    pub(super) fn fact_filters(&self, l: &Lang<'_>, views: &EvidenceViews) -> FiltersView {
        let ev = self.ev();
        let s = l.strings;
        let urls = self.urls();
        FiltersView {
            topics: ev
                .topics
                .iter()
                .enumerate()
                .map(|(ti, t)| Filter {
                    title: smart(l.topic_title(ti), self.site),
                    url: urls.url(&l.path(&paths::topic(&t.slug))),
                    count: ev.in_topic(ti).len(),
                    help: String::new(),
                })
                .collect(),
            // Statuses no fact has are left out: "Confirmed (0)" reads as
            // "nothing is true".
            statuses: Status::ALL
                .iter()
                .map(|st| Filter {
                    title: s.get(&format!("status_{}", st.name())).to_string(),
                    url: urls.url(&l.path(&paths::status(st.name()))),
                    count: views.facts.iter().filter(|f| f.status == st.name()).count(),
                    help: s.get(&format!("status_{}_help", st.name())).to_string(),
                })
                .filter(|f| f.count > 0)
                .collect(),
        }
    }

    pub(super) fn source_view(
        &self,
        l: &Lang<'_>,
        i: usize,
        views: &EvidenceViews,
        with_text: bool,
    ) -> SourceView {
        let ev = self.ev();
        let src = &ev.sources[i];
        let s = l.strings;
        let urls = self.urls();
        let text = l.source(i).filter(|_| !l.is_original());
        let mut facts: Vec<usize> = src.quoted.iter().map(|(_, f)| *f).collect();
        facts.sort_unstable();
        facts.dedup();
        let publisher = l.pick(
            text.and_then(|t| t.publisher.as_deref()),
            &src.meta.publisher,
        );
        SourceView {
            id: src.id.clone(),
            url: urls.url(&l.path(&paths::source(&src.id))),
            title: smart(l.source_title(i), self.site),
            publisher: smart(publisher.text, self.site),
            reporting: text
                .and_then(|t| t.reporting.as_deref())
                .or(src.meta.reporting.as_deref())
                .map(|x| smart(x, self.site)),
            date: src.date.map(|d| partial_date(&d, s)),
            link: src.meta.url.clone(),
            archived: partial_date(&src.archived, s),
            excerpt: src.meta.excerpt,
            text: if with_text {
                highlight_quotes(src.text(), &src.quoted, ev)
            } else {
                String::new()
            },
            text_lang: (!l.is_original()).then(|| l.original.to_string()),
            facts: facts.into_iter().map(|f| views.facts[f].clone()).collect(),
            lang: l.lang_of(publisher.translated),
            stale: text.is_some_and(|t| !t.stale.is_empty()),
        }
    }

    pub(super) fn lawsuit_view(
        &self,
        l: &Lang<'_>,
        i: usize,
        views: &EvidenceViews,
    ) -> LawsuitView {
        let ev = self.ev();
        let lw = &ev.lawsuits[i];
        let s = l.strings;
        let urls = self.urls();
        let input = &lw.input;
        let tr = l.lawsuit(i).filter(|_| !l.is_original());
        let field = |key: &str, value: Option<String>| FieldView {
            label: s.get(key).to_string(),
            value,
        };
        // A field as written (translated where a translation gives it), with
        // the site's punctuation.
        let text = |key: &str, name: &str, value: &Option<String>| {
            let v = value
                .as_ref()
                .map(|orig| tr.and_then(|t| t.fields.get(name)).unwrap_or(orig).clone());
            field(key, v.as_deref().map(|x| smart(x, self.site)))
        };
        LawsuitView {
            id: input.id.get_ref().clone(),
            url: urls.url(&l.path(&paths::lawsuit(input.id.get_ref()))),
            title: smart(l.lawsuit_title(i), self.site),
            fields: vec![
                text("case_name", "case_name", &input.case_name),
                text("court", "court", &input.court),
                text("docket", "docket", &input.docket),
                field("filed", lw.filed.map(|d| partial_date(&d, s))),
                text("plaintiffs", "plaintiffs", &input.plaintiffs),
                text("defendants", "defendants", &input.defendants),
                text("claims", "claims", &input.claims),
                text("case_status", "status", &input.status),
                text("latest", "latest", &input.latest),
            ],
            status: input.status.as_ref().map(|orig| {
                smart(
                    tr.and_then(|t| t.fields.get("status")).unwrap_or(orig),
                    self.site,
                )
            }),
            documents: lw
                .documents
                .iter()
                .map(|&d| FactLink {
                    title: smart(l.source_title(d), self.site),
                    url: urls.url(&l.path(&paths::source(&ev.sources[d].id))),
                    lang: l.source_lang(d),
                })
                .collect(),
            facts: lw.facts.iter().map(|&f| views.facts[f].clone()).collect(),
            lang: l.lang_of(l.is_original() || tr.is_some()),
            stale: tr.is_some_and(|t| !t.stale.is_empty()),
        }
    }
}

/// A template variable that renders itself. With a fourth argument, a
/// function `(view, renderer, lang, url) -> MetaView` giving the page's own
/// metadata (title, description, JSON-LD); without, the site's.
macro_rules! item {
    ($name:ident, $field:ident, $ty:ty, $meta:expr) => {
        #[derive(Serialize)]
        struct $name {
            $field: $ty,
        }
        impl erased::Item for $name {
            fn render(
                &self,
                r: &Renderer<'_>,
                template: &str,
                lang: &str,
                url: &str,
            ) -> Result<String, Diagnostic> {
                let meta: fn(&$ty, &Renderer<'_>, &str, &str) -> super::super::view::MetaView =
                    $meta;
                r.render_item_meta(template, lang, url, self, meta(&self.$field, r, lang, url))
            }
        }
    };
    ($name:ident, $field:ident, $ty:ty) => {
        item!($name, $field, $ty, |_, r, lang, url| r
            .default_meta(lang, url));
    };
}

item!(Facts, facts, FactsView, |v, r, lang, url| {
    let mut meta = r.titled_meta(lang, url, &v.title, None, None);
    if v.is_index {
        meta.description = r.strings[lang].get("facts_intro").to_string();
        meta.json_ld = Some(r.facts_dataset(lang));
    }
    meta
});
item!(One, fact, FactPage, |v, r, lang, url| {
    let quote = v
        .fact
        .quotes
        .first()
        .map(|q| format!("“{}” ({})", q.text, q.source));
    let mut meta = r.titled_meta(lang, url, &v.fact.statement, quote.as_deref(), None);
    meta.modified = v.fact.updated.as_ref().map(|d| d.iso.clone());
    meta
});
item!(Redirect, redirect, RedirectView);
item!(Sources, sources, Vec<SourceView>, |_, r, lang, url| {
    r.intro_meta(lang, url, "sources")
});
item!(OneSource, source, SourceView, |v, r, lang, url| {
    r.titled_meta(lang, url, &v.title, Some(&v.publisher), None)
});
/// `timeline`, `timeline_groups`, `timeline_undated` and
/// `timeline_graphic` in timeline.html.
#[derive(Serialize)]
struct Timeline {
    timeline: Vec<EventView>,
    timeline_groups: Vec<EventGroup>,
    timeline_undated: usize,
    timeline_graphic: Option<super::super::graphics::TimelineGraphic>,
}
impl erased::Item for Timeline {
    fn render(
        &self,
        r: &Renderer<'_>,
        template: &str,
        lang: &str,
        url: &str,
    ) -> Result<String, Diagnostic> {
        let meta = r.intro_meta(lang, url, "timeline");
        r.render_item_meta(template, lang, url, self, meta)
    }
}
item!(Lawsuits, lawsuits, Vec<LawsuitView>, |_, r, lang, url| {
    r.intro_meta(lang, url, "lawsuits")
});
item!(OneLawsuit, lawsuit, LawsuitView, |v, r, lang, url| {
    r.titled_meta(lang, url, &v.title, v.status.as_deref(), None)
});
item!(People, people, Vec<PersonView>, |_, r, lang, url| {
    r.intro_meta(lang, url, "people")
});
item!(Glossary, glossary, Vec<GlossaryView>, |_, r, lang, url| {
    r.intro_meta(lang, url, "glossary")
});
item!(Updates, updates, Vec<UpdateView>, |_, r, lang, url| {
    r.intro_meta(lang, url, "updates")
});

mod erased {
    use super::*;
    /// A template variable that can render itself (object-safe wrapper
    /// over the generic `Renderer::render_item`).
    pub trait Item {
        fn render(
            &self,
            r: &Renderer<'_>,
            template: &str,
            lang: &str,
            url: &str,
        ) -> Result<String, Diagnostic>;
    }
}
