//! The events every pass works on: each with where it came from in the
//! body.

use std::ops::Range;

use pulldown_cmark::Event;

/// An event and where it came from in the body.
pub type Spanned<'a> = (Event<'a>, Range<usize>);

/// Plain text of the events between `start` and its matching end.
pub fn plain_text(events: &[Spanned<'_>]) -> String {
    let mut s = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}
