//! Pass: every image must have alt text, for screen-reader users.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::context::Context;
use super::events::{plain_text, Spanned};

/// Reports images whose alt text is empty.
pub fn check_alt(events: &[Spanned<'_>], cx: &mut Context<'_>) {
    for (i, (e, range)) in events.iter().enumerate() {
        if let Event::Start(Tag::Image { dest_url, .. }) = e {
            let end = events[i..]
                .iter()
                .position(|(e, _)| matches!(e, Event::End(TagEnd::Image)))
                .map(|p| i + p)
                .unwrap_or(events.len());
            if plain_text(&events[i + 1..end]).trim().is_empty() {
                cx.error(
                    range.start,
                    format!("the image `{dest_url}` has no alt text"),
                    "describe the image for people who cannot see it: ![a map of the seven states](map.png)",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::testing::render_md;

    #[test]
    fn missing_alt_is_an_error_at_the_image() {
        let (_, d) = render_md("Text.\n\nSee ![](map.png) here.\n");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].column), (4, 5));
        assert!(d[0].message.contains("map.png"));
    }

    #[test]
    fn alt_text_passes() {
        let (_, d) = render_md("![A map](map.png)\n");
        assert!(d.is_empty());
    }
}
