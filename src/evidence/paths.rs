//! Site paths of the evidence pages (without the base path).

/// The fact index.
pub const FACTS: &str = "/facts/";
/// The list of sources.
pub const SOURCES: &str = "/sources/";
/// The timeline.
pub const TIMELINE: &str = "/timeline/";
/// The lawsuit tracker.
pub const LAWSUITS: &str = "/lawsuits/";
/// People and organisations.
pub const PEOPLE: &str = "/people/";
/// The glossary.
pub const GLOSSARY: &str = "/glossary/";
/// Updates and corrections.
pub const UPDATES: &str = "/updates/";
/// The Atom feed of updates and corrections.
pub const ATOM_FEED: &str = "/updates/atom.xml";
/// The JSON Feed of updates and corrections.
pub const JSON_FEED: &str = "/updates/feed.json";

/// A fact's own page.
pub fn fact(id: &str) -> String {
    format!("/facts/{id}/")
}
/// Facts in a topic.
pub fn topic(slug: &str) -> String {
    format!("/facts/topics/{slug}/")
}
/// Facts with a status.
pub fn status(name: &str) -> String {
    format!("/facts/status/{name}/")
}
/// A source's page.
pub fn source(id: &str) -> String {
    format!("/sources/{id}/")
}
/// A lawsuit's page.
pub fn lawsuit(id: &str) -> String {
    format!("/lawsuits/{id}/")
}
/// A person's entry.
pub fn person(id: &str) -> String {
    format!("/people/#{id}")
}
/// A glossary entry.
pub fn term(id: &str) -> String {
    format!("/glossary/#{id}")
}
/// A timeline entry.
pub fn event(id: &str) -> String {
    format!("/timeline/#{id}")
}
/// An update's entry.
pub fn update(id: &str) -> String {
    format!("/updates/#{id}")
}
