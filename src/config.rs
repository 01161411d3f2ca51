//! `casefile.toml`: the site's configuration, parsed strictly.
//!
//! Every table is `deny_unknown_fields`, so a misspelt key is an error that
//! names the key and the closest known one, instead of being ignored.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{from_toml_error, Diagnostic, SourceFile, HELP_MARK};
pub use crate::markdown::MarkdownConfig;

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "casefile.toml";

/// The whole configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's title, shown in every page's `<title>` and header.
    pub title: String,
    /// Where the site will be published, e.g. `https://example.org/explainer`.
    pub base_url: BaseUrl,
    /// The default language (BCP 47, e.g. `en`). Content in this language is
    /// published at the root; other languages under `/LANG/`.
    #[serde(default = "default_language")]
    pub language: String,
    /// One or two sentences describing the site.
    #[serde(default)]
    pub description: String,
    /// Who publishes the site.
    #[serde(default)]
    pub author: String,
    /// IANA time zone used for dates written without an offset
    /// (`2026-05-01T09:00:00` or plain `2026-05-01`).
    #[serde(default = "default_timezone")]
    pub timezone: String,
    /// Taxonomies pages can be classified by. Defaults to `topics`.
    #[serde(default = "default_taxonomies")]
    pub taxonomies: Vec<TaxonomyConfig>,
    /// Markdown rendering options.
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// How the output is written for hosting (`[output]`).
    #[serde(default)]
    pub output: OutputConfig,
    /// The site search (`[search]`).
    #[serde(default)]
    pub search: SearchConfig,
    /// Publishing rules (`[publish]`).
    #[serde(default)]
    pub publish: PublishConfig,
    /// Other languages the site is published in (none yet).
    #[serde(default)]
    pub languages: std::collections::BTreeMap<String, LanguageConfig>,
    /// Free-form values for templates (`site.extra`).
    #[serde(default)]
    pub extra: toml::Table,
}

/// The address a site is published at: an absolute http(s) URL with a
/// host and no user, query or fragment, parsed and normalised by the `url`
/// crate (so it holds no quote, angle bracket, space or control character)
/// and kept without a trailing slash. Every absolute link casefile writes
/// starts with it; `--base-url` goes through the same check.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct BaseUrl {
    url: String,
    /// Where the path starts in `url`.
    path_at: usize,
}

impl BaseUrl {
    /// Parses and checks `s`; the error says what is wrong and how to fix
    /// it (message, then help).
    pub fn parse(s: &str) -> Result<BaseUrl, (String, String)> {
        let help = "write the full address the site is published at, e.g. base_url = \"https://example.org\" or \"https://example.org/explainer\"".to_string();
        let why = |what: &str| (format!("base_url `{s}` {what}"), help.clone());
        let url =
            url::Url::parse(s.trim()).map_err(|e| why(&format!("is not an address ({e})")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(why("is not an http(s) address"));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(why("has no host name"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(why(
                "holds a user name or password, which would be published in every page",
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(why(
                "has a query (`?`) or fragment (`#`), which page addresses cannot follow",
            ));
        }
        let text = url.as_str().trim_end_matches('/').to_string();
        let path_at = text
            .find("://")
            .and_then(|i| text[i + 3..].find('/').map(|p| i + 3 + p))
            .unwrap_or(text.len());
        Ok(BaseUrl { url: text, path_at })
    }

    /// The address, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// Its path, without a trailing slash (`""` or `/explainer`).
    pub fn path(&self) -> &str {
        &self.url[self.path_at..]
    }
}

impl TryFrom<String> for BaseUrl {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        BaseUrl::parse(&s).map_err(|(message, help)| format!("{message}{HELP_MARK}{help}"))
    }
}

impl std::ops::Deref for BaseUrl {
    type Target = str;
    fn deref(&self) -> &str {
        &self.url
    }
}

/// One taxonomy, such as `topics`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyConfig {
    /// The key used in front matter (`[taxonomies] topics = [...]`) and in URLs.
    pub name: String,
    /// How many pages a term page lists before paginating (0: all on one).
    #[serde(default)]
    pub paginate_by: usize,
}

/// `[output]`: what is written beside the site for web servers and CDNs.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutputConfig {
    /// Also write every text file compressed (`page.html.gz`, `page.html.br`),
    /// for nginx's `gzip_static`/`brotli_static` or a CDN. Default: none.
    pub precompress: Vec<Compression>,
}

/// `[search]`: the site search (the index, the search page and the search
/// field in every page's header).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    /// Build the search index and page, and show the search field. With
    /// `false` none of it is built, written or linked. Default: `true`.
    pub enabled: bool,
    /// What readers type → what else it should find: `ssn = ["social
    /// security number"]`. Keys and values are words or phrases; a query
    /// holding a key also searches for each of its values (one way: list
    /// both directions to make two words equivalent).
    pub synonyms: std::collections::BTreeMap<String, Vec<String>>,
    /// Where a result's snippet comes from: `"index"`, `"pages"` or
    /// `"auto"` (the default: see [`Snippets`]).
    pub snippets: Snippets,
}

impl Default for SearchConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            synonyms: Default::default(),
            snippets: Snippets::Auto,
        }
    }
}

/// Where the text of a page part's search result (its snippet) comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Snippets {
    /// `index` for a site with under [`Snippets::AUTO_LIMIT`] bytes of
    /// markdown in its pages and sections, `pages` above. The model
    /// resolves it ([`Snippets::resolve`]), so a build only ever sees the
    /// other two.
    Auto,
    /// The index keeps a copy of each part's text (up to 1,500
    /// characters): a result shows its snippet with the index's own small
    /// file of its page, but the copy is the site's text once more (on a
    /// large site, most of the index).
    Index,
    /// The browser takes a part's text from its published page when it
    /// shows the result (the page a reader opens next, same origin): the
    /// index holds no copy of the site's text. Facts, events, lawsuits,
    /// people and terms keep their short text in the index either way.
    Pages,
}

impl Snippets {
    /// The markdown, in bytes, above which `auto` means `pages`: about 150
    /// articles of 1,000 words. Below, the copy is small and a result's
    /// snippet costs a reader less than its page would.
    pub const AUTO_LIMIT: usize = 1 << 20;

    /// `auto` made `index` or `pages` for a site of `markdown` bytes of
    /// page and section bodies; the others unchanged.
    pub fn resolve(self, markdown: usize) -> Snippets {
        match self {
            Snippets::Auto if markdown > Self::AUTO_LIMIT => Snippets::Pages,
            Snippets::Auto => Snippets::Index,
            other => other,
        }
    }
}

/// `[publish]`: what a build checks before it publishes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PublishConfig {
    /// A git revision (commit, branch or tag, e.g. the last published
    /// tag) that `check` and `build` compare the facts with, as
    /// `--since REV` does: a fact changed or removed since then needs an
    /// update or correction. `--since` on the command line wins.
    pub since: Option<String>,
}

/// A precompression format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    /// `.gz`, gzip at level 9.
    Gzip,
    /// `.br`, Brotli at quality 11.
    Brotli,
}

impl Compression {
    /// The file extension added: `gz` or `br`.
    pub fn extension(self) -> &'static str {
        match self {
            Compression::Gzip => "gz",
            Compression::Brotli => "br",
        }
    }
}

/// Settings for one extra language.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// The site's title in that language.
    #[serde(default)]
    pub title: Option<String>,
    /// The description in that language.
    #[serde(default)]
    pub description: Option<String>,
}

fn default_language() -> String {
    "en".into()
}
fn default_timezone() -> String {
    "UTC".into()
}
fn default_taxonomies() -> Vec<TaxonomyConfig> {
    vec![TaxonomyConfig {
        name: "topics".into(),
        paginate_by: 0,
    }]
}

impl Config {
    /// Reads and validates `casefile.toml` under `root`.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        // Its values reach every page: it may not be a link out of the site.
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            let inside = match (path.canonicalize(), root.canonicalize()) {
                (Ok(target), Ok(root)) => target.starts_with(root),
                _ => false,
            };
            if !inside {
                return Err(vec![Diagnostic::error(
                    CONFIG_FILE,
                    0,
                    0,
                    "casefile.toml is a symbolic link that leads outside the site folder (or nowhere)",
                )
                .with_help("make casefile.toml a regular file in the site folder")]);
            }
        }
        let text = match std::fs::read(&path) {
            Ok(bytes) => crate::load::utf8_text(CONFIG_FILE, bytes).map_err(|d| vec![d])?,
            Err(e) => {
                return Err(vec![Diagnostic::error(
                    CONFIG_FILE,
                    0,
                    0,
                    format!("cannot read the configuration: {e}"),
                )
                .with_help("run casefile in a site folder, pass --root DIR, or create one with `casefile init DIR`")])
            }
        };
        Self::parse(&SourceFile::new(CONFIG_FILE, text))
    }

    /// Parses and validates configuration text.
    pub fn parse(file: &SourceFile) -> Result<Config, Vec<Diagnostic>> {
        let config: Config = toml::from_str(&file.text)
            .map_err(|e| vec![from_toml_error(file, 0, &e, "casefile.toml")])?;
        let errors = config.validate(file);
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }

    fn validate(&self, file: &SourceFile) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let at_key = |key: &str| {
            let offset = file
                .text
                .lines()
                .scan(0, |pos, line| {
                    let start = *pos;
                    *pos += line.len() + 1;
                    Some((start, line))
                })
                .find(|(_, l)| l.trim_start().starts_with(key))
                .map(|(s, _)| s)
                .unwrap_or(0);
            offset
        };
        if jiff::tz::TimeZone::get(&self.timezone).is_err() {
            errors.push(
                Diagnostic::error_at(
                    file,
                    at_key("timezone"),
                    format!("unknown time zone `{}`", self.timezone),
                )
                .with_help("use an IANA name such as \"America/New_York\" or \"UTC\""),
            );
        }
        if !is_language_tag(&self.language) {
            errors.push(
                Diagnostic::error_at(
                    file,
                    at_key("language"),
                    format!("`{}` is not a language code", self.language),
                )
                .with_help("use a BCP 47 code such as \"en\" or \"es\""),
            );
        }
        let mut seen = std::collections::BTreeSet::new();
        for t in &self.taxonomies {
            if !seen.insert(t.name.as_str()) {
                errors.push(
                    Diagnostic::error_at(
                        file,
                        at_key("name"),
                        format!("the taxonomy `{}` is declared twice", t.name),
                    )
                    .with_help("remove one of the [[taxonomies]] tables"),
                );
            }
            if t.name.is_empty() || slug::slugify(&t.name) != t.name {
                errors.push(
                    Diagnostic::error_at(
                        file,
                        at_key("name"),
                        format!("taxonomy name `{}` cannot be used in a URL", t.name),
                    )
                    .with_help(format!(
                        "use lowercase letters, digits and hyphens, e.g. `{}`",
                        Some(slug::slugify(&t.name))
                            .filter(|s| !s.is_empty())
                            .unwrap_or_else(|| "topics".into())
                    )),
                );
            }
        }
        if self.markdown.highlight_code {
            let themes = crate::markdown::highlight::theme_names();
            for (key, theme) in [
                ("highlight_theme", &self.markdown.highlight_theme),
                ("highlight_theme_dark", &self.markdown.highlight_theme_dark),
            ] {
                if themes.contains(&theme.as_str()) {
                    continue;
                }
                // The line `key = ...` (not a longer key it is a prefix of).
                let mut pos = 0;
                let offset = file
                    .text
                    .split_inclusive('\n')
                    .find_map(|line| {
                        let start = pos;
                        pos += line.len();
                        let rest = line.trim_start().strip_prefix(key)?;
                        rest.trim_start().starts_with('=').then_some(start)
                    })
                    .unwrap_or(0);
                errors.push(
                    Diagnostic::error_at(
                        file,
                        offset,
                        format!("unknown highlight theme `{theme}`"),
                    )
                    .with_help(crate::diagnostics::suggestion(theme, &themes)),
                );
            }
        }
        let searchable = |s: &str| crate::search::text::words(s).next().is_some();
        for (key, values) in &self.search.synonyms {
            let problem = if !searchable(key) {
                Some(format!("the synonym `{key}` holds no word search can find"))
            } else if values.is_empty() {
                Some(format!("the synonym `{key}` lists nothing it also finds"))
            } else {
                values
                    .iter()
                    .find(|v| !searchable(v))
                    .map(|v| format!("a synonym of `{key}`, `{v}`, holds no word search can find"))
            };
            if let Some(msg) = problem {
                errors.push(
                    Diagnostic::error_at(file, at_key("[search"), msg).with_help(
                        "write words or phrases readers type: ssn = [\"social security number\"]",
                    ),
                );
            }
        }
        for lang in self.languages.keys() {
            if !is_language_tag(lang) || *lang == self.language {
                errors.push(
                    Diagnostic::error_at(
                        file,
                        at_key("[languages"),
                        format!("`{lang}` cannot be an extra language"),
                    )
                    .with_help("use a BCP 47 code other than the default `language`"),
                );
            }
        }
        errors
    }

    /// The time zone for dates without an offset.
    pub fn time_zone(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get(&self.timezone).unwrap_or(jiff::tz::TimeZone::UTC)
    }

    /// The path part of `base_url`, without a trailing slash (`""` or `/explainer`).
    pub fn base_path(&self) -> &str {
        self.base_url.path()
    }

    /// `base_url` without a trailing slash.
    pub fn base_url_trimmed(&self) -> &str {
        self.base_url.as_str()
    }

    /// The site's title in `lang` (`[languages.LANG] title`), else its own.
    pub fn title_in(&self, lang: &str) -> &str {
        self.languages
            .get(lang)
            .and_then(|l| l.title.as_deref())
            .unwrap_or(&self.title)
    }

    /// The site's description in `lang`, else its own.
    pub fn description_in(&self, lang: &str) -> &str {
        self.languages
            .get(lang)
            .and_then(|l| l.description.as_deref())
            .unwrap_or(&self.description)
    }

    /// Every language the site is published in, default first.
    pub fn all_languages(&self) -> Vec<&str> {
        std::iter::once(self.language.as_str())
            .chain(self.languages.keys().map(String::as_str))
            .collect()
    }
}

fn is_language_tag(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
        })
        && s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(&SourceFile::new("casefile.toml", s.to_string()))
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("title = \"T\"\nbase_url = \"https://example.org/x/\"\n").unwrap();
        assert_eq!(c.language, "en");
        assert_eq!(c.taxonomies[0].name, "topics");
        assert_eq!(c.base_path(), "/x");
        assert!(c.markdown.smart_punctuation);
    }

    #[test]
    fn unknown_key_names_closest() {
        let errs =
            parse("title = \"T\"\nbase_url = \"https://e.org\"\ndescripton = \"x\"\n").unwrap_err();
        assert_eq!(errs[0].line, 3);
        assert!(
            errs[0].message.contains("unknown key `descripton`"),
            "{:?}",
            errs[0]
        );
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `description`?"));
    }

    #[test]
    fn output_table_is_strict() {
        let c = parse("title = \"T\"\nbase_url = \"https://e.org\"\n[output]\nprecompress = [\"gzip\", \"brotli\"]\n")
            .unwrap();
        assert_eq!(
            c.output.precompress,
            [Compression::Gzip, Compression::Brotli]
        );
        let errs =
            parse("title = \"T\"\nbase_url = \"https://e.org\"\n[output]\nprecompres = []\n")
                .unwrap_err();
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `precompress`?"));
        let errs = parse(
            "title = \"T\"\nbase_url = \"https://e.org\"\n[output]\nprecompress = [\"zip\"]\n",
        )
        .unwrap_err();
        assert_eq!(errs[0].line, 4, "{errs:?}");
    }

    #[test]
    fn search_table_is_strict() {
        let base = "title = \"T\"\nbase_url = \"https://e.org\"\n";
        assert!(
            parse(base).unwrap().search.enabled,
            "search is on by default"
        );
        assert!(parse(&format!("{base}[search]\n")).unwrap().search.enabled);
        let c = parse(&format!("{base}[search]\nenabled = false\n")).unwrap();
        assert!(!c.search.enabled);
        let errs = parse(&format!("{base}[search]\nenabeld = false\n")).unwrap_err();
        assert_eq!(errs[0].line, 4, "{errs:?}");
        assert!(
            errs[0].message.contains("unknown key `enabeld`"),
            "{:?}",
            errs[0]
        );
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `enabled`?"));
        let errs = parse(&format!("{base}[search]\nenabled = \"no\"\n")).unwrap_err();
        assert_eq!(errs[0].line, 4, "{errs:?}");
    }

    #[test]
    fn base_url_is_one_checked_address() {
        let c = parse("title = \"T\"\nbase_url = \"https://Example.org/x/\"\n").unwrap();
        assert_eq!(c.base_url.as_str(), "https://example.org/x");
        assert_eq!(c.base_path(), "/x");
        for bad in [
            "javascript:alert(1)//",
            "not a url",
            "https://",
            "ftp://e.org",
            "https://user:pw@e.org",
            "https://e.org/?q=1",
            "https://e.org/#x",
            "/relative",
        ] {
            let errs = parse(&format!("title = \"T\"\nbase_url = \"{bad}\"\n")).unwrap_err();
            assert_eq!(errs[0].line, 2, "{bad}: {errs:?}");
            assert!(errs[0].message.starts_with("base_url `"), "{bad}: {errs:?}");
            assert!(
                errs[0]
                    .help
                    .as_deref()
                    .unwrap()
                    .contains("https://example.org"),
                "{errs:?}"
            );
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
        // What no attribute can hold is encoded.
        let odd = BaseUrl::parse("https://e.org/a b\"<x>").unwrap();
        assert!(
            !odd.as_str().contains(['"', '<', '>', ' ']),
            "{}",
            odd.as_str()
        );
    }

    #[test]
    fn bad_time_zone_is_an_error() {
        let errs = parse("title = \"T\"\nbase_url = \"https://e.org\"\ntimezone = \"Mars/Base\"\n")
            .unwrap_err();
        assert!(errs[0].message.contains("Mars/Base"));
        assert_eq!(errs[0].line, 3);
    }
}
