//! The pipeline: load → model → git dates → markdown + render → lists →
//! evidence → search (unless `[search] enabled = false`) → assets →
//! publish (feeds, data, sitemap, compression) → output.
//!
//! [`build`] and [`check`] run the same stages; only the sink differs. Each
//! stage collects its diagnostics and the pipeline goes on as far as it can,
//! so one run reports every error; nothing is committed if any is an error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::load::{self, Asset};
use crate::markdown::highlight;
use crate::model::Site;
use crate::output::{NullSink, Sink, Staging};
use crate::publish;
use crate::render::{self, PageInfo, Renderer, SectionBody, Strings, Templates};

/// Built-in static files, written unless the site's `static/` has its own:
/// the default stylesheet and the timeline page's, the script that shows
/// citations in place, and the search script and stylesheet (not written
/// when search is off).
pub const BUILTIN_STATIC: &[(&str, &str)] = &[
    ("style.css", include_str!("render/builtin/static/style.css")),
    (
        "timeline.css",
        include_str!("render/builtin/static/timeline.css"),
    ),
    (
        "casefile.js",
        include_str!("render/builtin/static/casefile.js"),
    ),
    (SEARCH_JS, include_str!("render/builtin/static/search.js")),
    (
        SEARCH_PAGES_JS,
        include_str!("render/builtin/static/search-pages.js"),
    ),
    (SEARCH_CSS, include_str!("render/builtin/static/search.css")),
    (
        SEARCH_NOJS_CSS,
        include_str!("render/builtin/static/search-nojs.css"),
    ),
];

/// The search script's name in [`BUILTIN_STATIC`].
const SEARCH_JS: &str = "search.js";
/// The script that takes results' snippets from the published pages (see
/// `[search] snippets`): `search.js` loads it where the index says so.
const SEARCH_PAGES_JS: &str = "search-pages.js";
/// The search page's stylesheet (only that page loads it), and the one it
/// loads without JavaScript.
const SEARCH_CSS: &str = "search.css";
const SEARCH_NOJS_CSS: &str = "search-nojs.css";

/// The default stylesheet, written unless the site has `static/style.css`.
pub const DEFAULT_CSS: &str = BUILTIN_STATIC[0].1;

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holds `casefile.toml`).
    pub root: PathBuf,
    /// Output folder; default `ROOT/public`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from the config.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Rendering threads; default: one per core.
    pub threads: Option<usize>,
    /// Building for `casefile serve` (live reload script).
    pub serve: bool,
    /// Print a timing line after each stage to stderr.
    pub timings: bool,
    /// A git revision to compare the facts with (`--since`; default
    /// `[publish] since`): changes since then need an update or correction.
    pub since: Option<String>,
    /// Build as if `[search] enabled = false`: `serve`'s first build of a
    /// large site, so that the preview is up before the index is made.
    pub without_search: bool,
}

impl BuildOptions {
    /// Options to build the site at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            ..Default::default()
        }
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// A successful build.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Pages rendered.
    pub pages: usize,
    /// Sections rendered.
    pub sections: usize,
    /// Taxonomy terms.
    pub terms: usize,
    /// Files written (or that would be, for `check`).
    pub files: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Warnings (the build still succeeded).
    pub warnings: Vec<Diagnostic>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} pages, {} sections, {} taxonomy terms, {} files in {} ms",
            self.pages,
            self.sections,
            self.terms,
            self.files,
            self.elapsed.as_millis()
        )
    }
}

/// A failed build: every diagnostic, errors and warnings, sorted.
#[derive(Debug, Clone)]
pub struct Failure {
    /// What went wrong.
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    /// Only the errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}\n")?;
        }
        let n = self.errors().count();
        write!(
            f,
            "build failed: {n} error{}",
            if n == 1 { "" } else { "s" }
        )
    }
}

/// Everything a build produced that a later incremental rebuild can reuse.
pub struct State {
    /// The model.
    pub site: Site,
    /// Templates.
    pub templates: Templates,
    /// Strings per language.
    pub strings: BTreeMap<String, Strings>,
    /// Per-page infos, indexed like `site.pages`.
    pub infos: Vec<PageInfo>,
    /// Section bodies, indexed like `site.sections`.
    pub bodies: Vec<SectionBody>,
}

struct Timer {
    on: bool,
    last: Instant,
}

impl Timer {
    fn new(on: bool) -> Self {
        Self {
            on,
            last: Instant::now(),
        }
    }
    fn stage(&mut self, name: &str) {
        if self.on {
            let peak = peak_memory().map_or(String::new(), |kib| {
                format!("  (peak {:>5.0} MiB)", kib as f64 / 1024.0)
            });
            eprintln!(
                "  {name:<10} {:>7.1} ms{peak}",
                self.last.elapsed().as_secs_f64() * 1000.0
            );
        }
        self.last = Instant::now();
    }
}

/// The process's peak resident memory so far, in KiB (`VmHWM`), where the
/// system tells it (Linux).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Gives memory the allocator holds but nothing uses back to the system
/// (glibc keeps it, so that a second build would add to the first's peak).
/// The `casefile` command allocates with jemalloc, which gives freed pages
/// back by itself within a second (`src/main.rs`): there this trims only
/// what C code allocated.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory of the allocator; it
    // touches nothing a Rust value holds.
    unsafe {
        libc::malloc_trim(0);
    }
}

fn in_pool<T: Send>(threads: Option<usize>, f: impl FnOnce() -> T + Send) -> T {
    match threads.and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().ok()) {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

/// Builds the site into its output folder, atomically.
pub fn build(opts: &BuildOptions) -> Result<Summary, Failure> {
    let staging = crate::output::check_output_dir(&opts.root, &opts.output_dir())
        .and_then(|out| Staging::new(&out))
        .map_err(|d| Failure {
            diagnostics: vec![d],
        })?;
    let (summary, state) = in_pool(opts.threads, || run(opts, staging.sink()))?;
    // Freeing what the build held (57 ms at 10,000 pages) need not hold up
    // its result: another thread does it while the new site is put in
    // place and the summary told (and is simply stopped if the process
    // ends first).
    std::thread::spawn(move || drop(state));
    staging.commit().map_err(|d| Failure {
        diagnostics: vec![d],
    })?;
    Ok(summary)
}

/// Runs every check of a build, writing nothing.
pub fn check(opts: &BuildOptions) -> Result<Summary, Failure> {
    let sink = NullSink::default();
    in_pool(opts.threads, || run(opts, &sink)).map(|(s, _)| s)
}

/// Loads the configuration, applying command-line overrides.
pub fn load_config(opts: &BuildOptions) -> Result<Config, Failure> {
    let mut config = Config::load(&opts.root).map_err(|diagnostics| Failure { diagnostics })?;
    if let Some(url) = &opts.base_url {
        config.base_url = crate::config::BaseUrl::parse(url).map_err(|(message, _)| Failure {
            diagnostics: vec![Diagnostic::error("--base-url", 0, 0, message.replacen("base_url", "--base-url", 1))
                .with_help("pass the full address the site is published at, e.g. --base-url https://example.org/explainer")],
        })?;
    }
    Ok(config)
}

/// The pipeline. Writes into `sink`; returns the summary and the state.
pub fn run(opts: &BuildOptions, sink: &dyn Sink) -> Result<(Summary, State), Failure> {
    let started = Instant::now();
    let mut t = Timer::new(opts.timings);
    let mut diags: Vec<Diagnostic> = Vec::new();

    // git and the share image need nothing of the site but its folder and
    // configuration: they run on other threads while the site is loaded
    // and rendered, each thread's result the same as if it ran here. One
    // `git log` of `content/` gives the pages' last commits (sent as soon as
    // it is read: the pages need their dates) and the facts' history (read
    // on, while the pages render: only the evidence pages need it).
    let background = (!opts.serve).then(|| {
        let root = opts.root.clone();
        let (send, commits) = std::sync::mpsc::channel();
        let facts = std::thread::spawn(move || {
            let log = crate::git::Repo::unchecked(&root).try_log("content");
            let _ = send.send(log.as_deref().map(publish::git::commits_of));
            crate::history::read_log(&root, log)
        });
        (commits, facts)
    });
    let mut config = load_config(opts)?;
    if opts.without_search {
        config.search.enabled = false;
    }
    let share_png = (!opts.serve).then(|| {
        let config = config.clone();
        std::thread::spawn(move || publish::image::share_png_of(&config))
    });
    t.stage("config");

    let (loaded, errs) = load::site(&opts.root);
    diags.extend(errs);
    diags.extend(crate::check::privacy(&opts.root, &loaded, &config));
    t.stage("load");

    // The templates and strings need nothing of the content: they are read
    // on one thread while the model is built on the other (problems told in
    // the same order as one after the other).
    let load::Loaded {
        content,
        content_assets,
        static_files,
        templates: template_files,
        strings: string_files,
    } = loaded;
    let languages: Vec<String> = config
        .all_languages()
        .into_iter()
        .map(str::to_string)
        .collect();
    let ((templates, strings, template_diags), (site, errs)) = rayon::join(
        || {
            let mut diags = Vec::new();
            let templates = Templates::load(&template_files);
            let mut strings = BTreeMap::new();
            for lang in &languages {
                match render::strings::for_language(lang, &string_files) {
                    Ok(s) => {
                        strings.insert(lang.to_string(), s);
                    }
                    Err(e) => diags.extend(e),
                }
            }
            (templates, strings, diags)
        },
        || Site::build(config, content, opts.drafts),
    );
    diags.extend(template_diags);
    diags.extend(errs);
    t.stage("model");

    let mut site = site;
    let facts_log = background.map(|(commits, facts)| {
        if let Ok(Some(commits)) = commits.recv() {
            publish::git::apply(&mut site, &commits);
        }
        facts
    });
    if let Some(rev) = opts.since.as_ref().or(site.config.publish.since.as_ref()) {
        diags.extend(crate::history::since(&opts.root, rev, &site));
    }
    t.stage("git");

    let templates = match templates {
        Ok(t) if strings.len() == site.config.all_languages().len() => t,
        other => {
            // Without templates we can still check every page's markdown.
            if let Err(e) = other {
                diags.extend(e);
            }
            diags.extend(markdown_only(&site));
            return Err(failure(diags));
        }
    };

    // A build hands each page its file and drops it once the page is
    // rendered (see `Site::take_page_bodies`); `serve` keeps them.
    let taken = (!opts.serve).then(|| site.take_page_bodies());
    let renderer = Renderer::new(&site, &templates, &strings, opts.serve);
    let (mut infos, errs, kept) = match taken {
        Some(sources) => renderer.pages_from(sources, sink),
        None => {
            let (infos, errs) = renderer.pages(sink);
            (infos, errs, Vec::new())
        }
    };
    diags.extend(errs);
    t.stage("pages");

    let (mut bodies, errs) = renderer.section_bodies();
    diags.extend(errs);
    // Every page and section is digested and highlighted: the render
    // threads' caches of the site's words (tens of MB on a large site) and
    // of its lines of code are not needed for the lists, nor for the index.
    crate::search::forget_thread_caches();
    crate::markdown::highlight::forget_lines();
    // Links to other pages' headings point into the files of the pages
    // that hold them, kept until now.
    diags.extend(render::anchors::check_anchors(
        &site, &infos, &bodies, &kept,
    ));
    drop(kept);
    if !opts.serve {
        release_free_memory();
    }
    // The search index needs only the digests and the evidence: it is
    // built alongside the lists, the history and the evidence pages, which
    // leave a core idle in their serial parts. Each side's problems are
    // told in the same order whatever the threads do.
    let search = site.config.search.enabled;
    let build_index = || {
        let started = Instant::now();
        let pages: Vec<&crate::search::Written> = infos.iter().map(|i| &i.search).collect();
        let sections: Vec<&crate::search::Written> =
            bodies.iter().map(|b| &b.info.search).collect();
        let plain = renderer.plain_in(&site.config.language);
        let built =
            crate::search::build(&site, renderer.lexicons(), &pages, &sections, &plain, sink);
        (built, started.elapsed())
    };
    let rest = || {
        diags.extend(renderer.lists(&bodies, &infos, sink));
        t.stage("lists");

        if let Some(Ok(Some(raw))) = facts_log.map(|f| f.join()) {
            let history = crate::history::facts_from(raw, &site);
            let _ = site.history.set(std::sync::Arc::new(history));
        }
        t.stage("history");

        // Each language's evidence pages are rendered and finished on
        // their own thread; they are written, and their problems told,
        // in the languages' order.
        let languages = site.config.all_languages();
        let evidence: Vec<_> = languages
            .par_iter()
            .map(|&code| {
                let l = renderer.lang(code);
                let views = renderer.evidence_views(&l, &infos, &bodies);
                let pages = renderer.evidence_pages(&l, &views).map(|files| {
                    files
                        .into_par_iter()
                        .map(|(file, html)| (file, renderer.finish(html)))
                        .collect::<Vec<_>>()
                });
                let uncited = (code == site.config.language).then(|| uncited_facts(&site, &views));
                (pages, uncited)
            })
            .collect();
        for (pages, uncited) in evidence {
            match pages {
                // Written on every thread; problems told in the files' order.
                Ok(files) => diags.extend(
                    files
                        .par_iter()
                        .map(|(file, bytes)| sink.write(file, bytes).err())
                        .collect::<Vec<_>>()
                        .into_iter()
                        .flatten(),
                ),
                Err(e) => diags.extend(e),
            }
            diags.extend(uncited.into_iter().flatten());
        }
        diags.extend(renderer.update_problems());
        t.stage("evidence");
    };
    let index = || search.then(build_index);
    // `serve` holds its last build while it makes the next: there, the two
    // run one after the other, so that their memory does not add up (about
    // 20 MiB at 10,000 pages).
    let ((), indexed) = if opts.serve {
        (rest(), index())
    } else {
        rayon::join(rest, index)
    };

    let mut stemmers: Vec<&'static str> = Vec::new();
    if let Some(((indexes, errs), took)) = indexed {
        diags.extend(errs);
        stemmers = indexes.iter().filter_map(|i| i.stemmer).collect();
        stemmers.sort_unstable();
        stemmers.dedup();
        match renderer.search_pages(&indexes) {
            Ok(files) => {
                for (file, html) in files {
                    diags.extend(sink.write(&file, &renderer.finish(html)).err());
                }
            }
            Err(e) => diags.push(e),
        }
        t.stage("search");
        if opts.timings {
            eprintln!(
                "  {:<10} {:>7.1} ms alongside lists, history and evidence",
                "(index)",
                took.as_secs_f64() * 1000.0
            );
        }
    }
    if search && opts.timings {
        // Pages are digested for the index as they are rendered: that work
        // is inside the pages stage, on every thread.
        let nanos: u64 = infos.iter().map(|i| i.search.nanos).sum();
        eprintln!(
            "  {:<10} {:>7.1} ms of CPU in the pages stage",
            "(digests)",
            nanos as f64 / 1e6
        );
    }

    if opts.serve {
        // The index is written: what `serve` keeps of this build needs no
        // digests (20 MB at 10,000 pages). An incremental rebuild digests
        // the page it renders again, and the next full build every page.
        for d in infos
            .iter_mut()
            .map(|i| &mut i.search.digest)
            .chain(bodies.iter_mut().map(|b| &mut b.info.search.digest))
        {
            *d = crate::search::Digest::default();
        }
    }
    let has_code = infos.iter().any(|i| i.has_code) || bodies.iter().any(|b| b.info.has_code);
    // The code stylesheet, for a site with code (the configuration's check
    // has made sure that its themes exist).
    let markdown = &site.config.markdown;
    let theme_css = if has_code && markdown.highlight_code {
        highlight::theme_css(&markdown.highlight_theme, &markdown.highlight_theme_dark)
            .map_err(|e| diags.push(Diagnostic::error(crate::config::CONFIG_FILE, 0, 0, e)))
            .ok()
    } else {
        None
    };
    diags.extend(write_assets(
        sink,
        &static_files,
        &content_assets,
        theme_css,
        search.then_some(&stemmers[..]),
    ));
    t.stage("assets");

    let failed = diags.iter().any(Diagnostic::is_error);
    diags.extend(publish::run(
        &renderer,
        sink,
        !opts.serve && !failed,
        share_png.and_then(|h| h.join().ok()),
    ));
    t.stage("publish");

    if diags.iter().any(Diagnostic::is_error) {
        return Err(failure(diags));
    }
    let mut warnings = diags;
    warnings.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    let summary = Summary {
        pages: site.pages.len(),
        sections: site.sections.len(),
        terms: site.taxonomies.iter().map(|t| t.terms.len()).sum(),
        files: sink.count(),
        elapsed: started.elapsed(),
        warnings,
    };
    drop(renderer);
    Ok((
        summary,
        State {
            site,
            templates,
            strings,
            infos,
            bodies,
        },
    ))
}

/// A warning for every fact that nothing cites.
fn uncited_facts(site: &Site, views: &render::evidence::EvidenceViews) -> Vec<Diagnostic> {
    let ev = &site.evidence;
    ev.facts
        .iter()
        .zip(&views.backlinks)
        .filter(|(_, links)| links.is_empty())
        .map(|(f, _)| {
            Diagnostic::warning_at(&ev.files[f.place.0], f.place.1, format!("fact `{}` is not cited anywhere", f.id))
                .with_help(format!(
                    "cite it in an article with [@{}], or from a timeline event or lawsuit (facts = [\"{}\"])",
                    f.id, f.id
                ))
        })
        .collect()
}

fn failure(diags: Vec<Diagnostic>) -> Failure {
    let collector = crate::diagnostics::Diagnostics::new();
    collector.extend(diags);
    Failure {
        diagnostics: collector.into_sorted(),
    }
}

/// Markdown checks alone, for when templates could not be loaded.
fn markdown_only(site: &Site) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let resolvers: BTreeMap<&str, render::SiteResolver<'_>> = site
        .config
        .all_languages()
        .into_iter()
        .map(|l| (l, render::SiteResolver::for_lang(site, l)))
        .collect();
    site.pages
        .par_iter()
        .map(|p| (&p.source, p.body_offset, p.lang.as_str()))
        .chain(
            site.sections
                .par_iter()
                .map(|s| (&s.source, s.body_offset, s.lang.as_str())),
        )
        .flat_map_iter(|(src, off, lang)| render::markdown_of(&resolvers[lang], src, off).1)
        .collect()
}

/// Static files, page assets, the default stylesheet, the scripts (the
/// search script and the query stemmers of the indexed languages only
/// when search is on) and syntax colours.
fn write_assets(
    sink: &dyn Sink,
    statics: &[Asset],
    content_assets: &[Asset],
    syntax_css: Option<String>,
    search: Option<&[&str]>,
) -> Vec<Diagnostic> {
    let search_langs = search.unwrap_or_default();
    let search = search.is_some();
    use rayon::prelude::*;
    let mut diags: Vec<Diagnostic> = statics
        .par_iter()
        .chain(content_assets.par_iter())
        .filter_map(|a| sink.copy(&a.rel, &a.path).err())
        .collect();
    for (name, text) in BUILTIN_STATIC {
        if [SEARCH_JS, SEARCH_PAGES_JS, SEARCH_CSS, SEARCH_NOJS_CSS].contains(name) && !search {
            continue;
        }
        if !statics.iter().any(|a| a.rel == *name) {
            let text = if name.ends_with(".js") {
                std::borrow::Cow::Owned(compact_script(text))
            } else {
                std::borrow::Cow::Borrowed(*text)
            };
            diags.extend(sink.write(name, text.as_bytes()).err());
        }
    }
    for stem in search_langs {
        let name = format!("search-stem-{stem}.js");
        if !statics.iter().any(|a| a.rel == name) {
            if let Some(js) = stemmer_script(stem) {
                diags.extend(sink.write(&name, js.as_bytes()).err());
            }
        }
    }
    if let Some(css) = syntax_css {
        if !statics.iter().any(|a| a.rel == "syntax.css") {
            diags.extend(sink.write("syntax.css", css.as_bytes()).err());
        }
    }
    diags
}

/// The query stemmers of `search.js`, one section per language.
const STEMMERS_JS: &str = include_str!("render/builtin/static/stemmers.js");

/// The languages whose query stemmer [`stemmer_script`] writes.
pub fn stemmer_languages() -> Vec<&'static str> {
    STEMMERS_JS
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("// ---- "))
        .filter_map(|l| l.split_once(':').map(|(code, _)| code))
        .collect()
}

/// `search-stem-LANG.js`: the stemmers' shared helpers and the section of
/// `lang` only (from its `// ---- LANG:` line to the next), returning only
/// that stemmer, so a search page loads one language's rules, not all.
/// `None` for a language without one.
pub fn stemmer_script(lang: &str) -> Option<String> {
    let lines: Vec<&str> = STEMMERS_JS.lines().collect();
    let marker = |l: &str| l.trim_start().starts_with("// ---- ");
    let ret = lines
        .iter()
        .position(|l| l.trim_start().starts_with("return {"))?;
    let first = lines.iter().position(|l| marker(l))?;
    let start = lines.iter().position(|l| {
        l.trim_start()
            .strip_prefix("// ---- ")
            .and_then(|x| x.split_once(':'))
            .is_some_and(|(c, _)| c == lang)
    })?;
    let end = (start + 1..ret).find(|&i| marker(lines[i])).unwrap_or(ret);
    // `return { en: bmp(english), es: bmp(spanish) };`: this language's.
    let entries = lines[ret]
        .trim()
        .strip_prefix("return {")?
        .trim_end_matches("};")
        .trim();
    let entry = entries
        .split(',')
        .map(str::trim)
        .find(|e| e.starts_with(&format!("{lang}:")))?;
    let mut js = String::new();
    for l in lines[..first].iter().chain(&lines[start..end]) {
        js.push_str(l);
        js.push('\n');
    }
    js.push_str(&format!("  return {{ {entry} }};\n"));
    for l in &lines[ret + 1..] {
        js.push_str(l);
        js.push('\n');
    }
    Some(compact_script(&js))
}

/// A built-in script as readers get it: without its comment lines and
/// indentation (a third of the search script's bytes, gzipped), code
/// otherwise unchanged. Only whole lines that are `//` comments go, so no
/// string or regular expression is touched.
pub fn compact_script(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    for line in js.lines() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Whether `root` looks like a casefile site.
pub fn is_site(root: &Path) -> bool {
    root.join(crate::config::CONFIG_FILE).is_file()
}
