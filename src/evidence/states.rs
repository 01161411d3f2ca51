//! The fifty US states and the District of Columbia: their postal codes,
//! names and places on a tile-grid map.
//!
//! A fact that names states carries them as `states = ["CA", "NY"]`; the
//! codes are checked against this table at build time, and the map on the
//! home page and the fact's page is drawn from it.

/// One state: postal code, name, and its tile's row and column on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    /// Two-letter postal code ("CA").
    pub code: &'static str,
    /// Name in English ("California").
    pub name: &'static str,
    /// Row of its tile, from the top (0–7).
    pub row: u8,
    /// Column of its tile, from the left (0–10).
    pub col: u8,
}

const fn s(code: &'static str, name: &'static str, row: u8, col: u8) -> State {
    State {
        code,
        name,
        row,
        col,
    }
}

/// Rows of the tile grid.
pub const ROWS: u8 = 8;
/// Columns of the tile grid.
pub const COLS: u8 = 11;

/// Every state and DC, in the order of the tile grid (top to bottom, left to
/// right), on a common tile-grid layout of the United States.
pub const STATES: [State; 51] = [
    s("AK", "Alaska", 0, 0),
    s("ME", "Maine", 0, 10),
    s("VT", "Vermont", 1, 9),
    s("NH", "New Hampshire", 1, 10),
    s("WA", "Washington", 2, 0),
    s("ID", "Idaho", 2, 1),
    s("MT", "Montana", 2, 2),
    s("ND", "North Dakota", 2, 3),
    s("MN", "Minnesota", 2, 4),
    s("IL", "Illinois", 2, 5),
    s("WI", "Wisconsin", 2, 6),
    s("MI", "Michigan", 2, 7),
    s("NY", "New York", 2, 8),
    s("RI", "Rhode Island", 2, 9),
    s("MA", "Massachusetts", 2, 10),
    s("OR", "Oregon", 3, 0),
    s("NV", "Nevada", 3, 1),
    s("WY", "Wyoming", 3, 2),
    s("SD", "South Dakota", 3, 3),
    s("IA", "Iowa", 3, 4),
    s("IN", "Indiana", 3, 5),
    s("OH", "Ohio", 3, 6),
    s("PA", "Pennsylvania", 3, 7),
    s("NJ", "New Jersey", 3, 8),
    s("CT", "Connecticut", 3, 9),
    s("CA", "California", 4, 0),
    s("UT", "Utah", 4, 1),
    s("CO", "Colorado", 4, 2),
    s("NE", "Nebraska", 4, 3),
    s("MO", "Missouri", 4, 4),
    s("KY", "Kentucky", 4, 5),
    s("WV", "West Virginia", 4, 6),
    s("VA", "Virginia", 4, 7),
    s("MD", "Maryland", 4, 8),
    s("DE", "Delaware", 4, 9),
    s("AZ", "Arizona", 5, 1),
    s("NM", "New Mexico", 5, 2),
    s("KS", "Kansas", 5, 3),
    s("AR", "Arkansas", 5, 4),
    s("TN", "Tennessee", 5, 5),
    s("NC", "North Carolina", 5, 6),
    s("SC", "South Carolina", 5, 7),
    s("DC", "District of Columbia", 5, 8),
    s("OK", "Oklahoma", 6, 3),
    s("LA", "Louisiana", 6, 4),
    s("MS", "Mississippi", 6, 5),
    s("AL", "Alabama", 6, 6),
    s("GA", "Georgia", 6, 7),
    s("HI", "Hawaii", 7, 0),
    s("TX", "Texas", 7, 3),
    s("FL", "Florida", 7, 8),
];

/// The index in [`STATES`] of a postal code (exact, upper case).
pub fn index(code: &str) -> Option<usize> {
    STATES.iter().position(|s| s.code == code)
}

/// The index of a state written as its name or a code in any case, for a
/// "did you mean" when `code` is not exact.
pub fn guess(input: &str) -> Option<usize> {
    let t = input.trim();
    STATES
        .iter()
        .position(|s| s.code.eq_ignore_ascii_case(t) || s.name.eq_ignore_ascii_case(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_tiles_are_unique() {
        for (i, a) in STATES.iter().enumerate() {
            assert!(a.row < ROWS && a.col < COLS, "{a:?}");
            for b in &STATES[i + 1..] {
                assert_ne!(a.code, b.code);
                assert_ne!((a.row, a.col), (b.row, b.col), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(index("CA").map(|i| STATES[i].name), Some("California"));
        assert_eq!(index("ca"), None);
        assert_eq!(guess("ca"), index("CA"));
        assert_eq!(guess("new york"), index("NY"));
        assert_eq!(guess("XX"), None);
    }
}
