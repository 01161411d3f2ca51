//! Near-identical facts read as one list.
//!
//! A source often lists things in one sentence ("names, addresses, birth
//! dates..."), and a careful fact file gives each its own fact so that each
//! has its own quote: "The arrangement will allow ICE to obtain the names
//! of...", "...the addresses of...". Listed one under the other they read
//! as the same sentence six times. [`runs`] finds such runs: consecutive
//! statements that share their first words; the fact index then shows the
//! shared words once, followed by what differs, each item still linking to
//! its own fact.

/// The fewest statements in a run.
pub const MIN_RUN: usize = 3;
/// The fewest words the statements of a run share at their start.
pub const MIN_SHARED: usize = 4;

/// A run of statements that share their first words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Index of the first statement.
    pub start: usize,
    /// How many statements.
    pub len: usize,
    /// Byte length of the shared start in each statement (up to the end of
    /// the last shared word); what follows is the item's own text.
    pub shared: Vec<usize>,
}

/// Markup that a cut between words could split: such statements are shown
/// whole.
fn plain(s: &str) -> bool {
    !s.contains(['*', '_', '[', ']', '`', '<', '>', '\\'])
}

/// Byte offsets of the end of each word of `s`.
fn word_ends(s: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut in_word = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if in_word {
                ends.push(i);
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    if in_word {
        ends.push(s.len());
    }
    ends
}

/// How many leading words `a` and `b` share.
fn shared_words(a: &str, b: &str) -> usize {
    a.split_whitespace()
        .zip(b.split_whitespace())
        .take_while(|(x, y)| x == y)
        .count()
}

/// The runs among `statements` (in order): at least [`MIN_RUN`]
/// consecutive plain statements sharing at least [`MIN_SHARED`] leading
/// words, each with words of its own after them. Linear in the text.
pub fn runs(statements: &[&str]) -> Vec<Run> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < statements.len() {
        let first = statements[i];
        let words = first.split_whitespace().count();
        let mut shared = words;
        let mut j = i + 1;
        while j < statements.len() && plain(first) && plain(statements[j]) {
            let n = shared_words(first, statements[j]).min(shared);
            if n < MIN_SHARED {
                break;
            }
            shared = n;
            j += 1;
        }
        let len = j - i;
        // Every item must keep at least one word of its own.
        let own_words = statements[i..j]
            .iter()
            .all(|s| s.split_whitespace().count() > shared);
        if len >= MIN_RUN && shared >= MIN_SHARED && own_words {
            let cut: Vec<usize> = statements[i..j]
                .iter()
                .map(|s| word_ends(s)[shared - 1])
                .collect();
            out.push(Run {
                start: i,
                len,
                shared: cut,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_split_into_facts_is_one_run() {
        let s = [
            "The arrangement will allow ICE to obtain the names of Medicaid recipients.",
            "The arrangement will allow ICE to obtain the addresses of Medicaid recipients.",
            "The arrangement will allow ICE to obtain the birth dates of Medicaid recipients.",
            "The arrangement will allow ICE to obtain other personal information.",
            "ICE will use the data to locate people.",
        ];
        let r = runs(&s);
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].start, r[0].len), (0, 4));
        assert_eq!(
            &s[1][..r[0].shared[1]],
            "The arrangement will allow ICE to obtain"
        );
        assert_eq!(s[3][r[0].shared[3]..].trim(), "other personal information.");
    }

    #[test]
    fn short_or_different_statements_are_left_alone() {
        // Two are not a run; a short shared start is not a run.
        assert!(runs(&["A b c d e f.", "A b c d e g."]).is_empty());
        assert!(runs(&[
            "The report says x.",
            "The report says y.",
            "The report says z."
        ])
        .is_empty());
        // A statement that is all shared words has nothing of its own.
        assert!(runs(&[
            "One two three four.",
            "One two three four. Five.",
            "One two three four. Six."
        ])
        .is_empty());
        // Markup that a cut could split keeps statements whole.
        assert!(runs(&[
            "It is *very* big now a.",
            "It is *very* big now b.",
            "It is *very* big now c."
        ])
        .is_empty());
    }

    #[test]
    fn runs_follow_each_other() {
        let s = [
            "Alpha beta gamma delta one.",
            "Alpha beta gamma delta two.",
            "Alpha beta gamma delta three.",
            "Other words entirely here x.",
            "Other words entirely here y.",
            "Other words entirely here z.",
        ];
        let r = runs(&s);
        assert_eq!(
            r.iter().map(|r| (r.start, r.len)).collect::<Vec<_>>(),
            [(0, 3), (3, 3)]
        );
    }
}
