//! One language's edition of the evidence: the records with the words a
//! translation gives them, for what is built per language from the records
//! themselves (the search index).

use super::types::Evidence;

impl Evidence {
    /// The records with their words in `lang` where a translation gives
    /// them (the original's elsewhere): what the search index of that
    /// language holds. A fact's quotes become our translations of them,
    /// where there are any, as the reader of that language reads them;
    /// `None` for a language without translations.
    pub fn in_language(&self, lang: &str) -> Option<Evidence> {
        let tr = self.translations.get(lang)?;
        let mut ev = self.clone();
        ev.translations = Default::default();
        let set = |to: &mut String, from: &Option<String>| {
            if let Some(v) = from {
                *to = v.clone();
            }
        };
        for (f, t) in ev.facts.iter_mut().zip(&tr.facts) {
            let Some(t) = t else { continue };
            set(&mut f.statement, &t.statement);
            set(&mut f.attribution, &t.attribution);
            if t.when.is_some() {
                f.when = t.when.clone();
            }
            for (c, q) in f.citations.iter_mut().zip(&t.quotes) {
                set(&mut c.quote, q);
            }
        }
        for (x, t) in ev.topics.iter_mut().zip(&tr.topics) {
            set(&mut x.title, t);
        }
        for (e, t) in ev.events.iter_mut().zip(&tr.events) {
            let Some(t) = t else { continue };
            set(&mut e.title, &t.title);
            set(&mut e.text, &t.text);
            if t.when.is_some() {
                e.when = t.when.clone();
            }
        }
        for (l, t) in ev.lawsuits.iter_mut().zip(&tr.lawsuits) {
            let Some(t) = t else { continue };
            let i = &mut l.input;
            for (name, value) in &t.fields {
                let v = Some(value.clone());
                match name.as_str() {
                    "title" => i.title = value.clone(),
                    "case_name" => i.case_name = v,
                    "court" => i.court = v,
                    "docket" => i.docket = v,
                    "plaintiffs" => i.plaintiffs = v,
                    "defendants" => i.defendants = v,
                    "claims" => i.claims = v,
                    "status" => i.status = v,
                    "latest" => i.latest = v,
                    _ => {}
                }
            }
        }
        for (p, t) in ev.people.iter_mut().zip(&tr.people) {
            let Some(t) = t else { continue };
            if let Some(name) = &t.name {
                if *name != p.name {
                    p.aliases.push(std::mem::replace(&mut p.name, name.clone()));
                }
            }
            set(&mut p.role, &t.role);
            p.aliases.extend(t.aliases.iter().cloned());
        }
        for (x, t) in ev.terms.iter_mut().zip(&tr.terms) {
            let Some(t) = t else { continue };
            // The original word stays one of its names.
            if let Some(term) = &t.term {
                if *term != x.term {
                    x.aliases.push(std::mem::replace(&mut x.term, term.clone()));
                }
            }
            if let Some(e) = &t.expansion {
                if let Some(old) = x.expansion.replace(e.clone()) {
                    if old != *e {
                        x.aliases.push(old);
                    }
                }
            }
            set(&mut x.definition, &t.definition);
            x.aliases.extend(t.aliases.iter().cloned());
        }
        for (s, t) in ev.sources.iter_mut().zip(&tr.sources) {
            let Some(t) = t else { continue };
            set(&mut s.meta.title, &t.title);
            set(&mut s.meta.publisher, &t.publisher);
            if t.reporting.is_some() {
                s.meta.reporting = t.reporting.clone();
            }
        }
        Some(ev)
    }
}
