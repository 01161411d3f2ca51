//! The `casefile` command: parses arguments, calls the library, prints.
//!
//! Exit codes: 0 success, 1 the site has errors, 2 the command was wrong
//! (bad arguments, no site folder).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use casefile::site::{self, BuildOptions};

/// jemalloc: the build allocates and frees millions of small values from
/// every thread (template contexts, strings, markdown events), and glibc's
/// allocator spends a tenth of the build's CPU on them at 10,000 pages.
/// See ARCHITECTURE.md, Decisions.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read before `main` (the environment variable
/// `_RJEM_MALLOC_CONF` still overrides them): freed pages go back to the
/// system within a second, and at once rather than in a second, lazier
/// stage. Without this a build's peak is about 10 MiB higher than with glibc's
/// allocator; with it, about 5 MiB lower (10,000 pages, BENCHMARKS.md).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[export_name = "_rjem_malloc_conf"]
static MALLOC_CONF: Option<&'static std::ffi::c_char> =
    // SAFETY: a pointer to the first byte of a NUL-terminated static
    // string, which is what jemalloc reads this symbol as (`const char *`).
    Some(unsafe { &*c"dirty_decay_ms:1000,muzzy_decay_ms:0".as_ptr() });

#[derive(Parser)]
#[command(
    name = "casefile",
    version,
    about = "Build evidence-backed public explainers as static sites"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: public/).
    Build {
        /// The site folder (holds casefile.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Override base_url from casefile.toml.
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked draft = true.
        #[arg(long)]
        drafts: bool,
        /// Rendering threads (default: one per core).
        #[arg(long, short = 'j')]
        jobs: Option<usize>,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
        /// Refuse facts changed or removed since this git revision (commit,
        /// branch or tag) unless an update or correction says so; default:
        /// `[publish] since` in casefile.toml.
        #[arg(long, value_name = "REV")]
        since: Option<String>,
        /// How to print errors: for people, or as GitHub Actions annotations.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Run every check a build runs, writing nothing.
    Check {
        /// The site folder (holds casefile.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Include pages marked draft = true.
        #[arg(long)]
        drafts: bool,
        /// Refuse facts changed or removed since this git revision (commit,
        /// branch or tag, e.g. origin/main) unless an update or correction
        /// dated after it says so; pages changed without one get a warning.
        /// Default: `[publish] since` in casefile.toml.
        #[arg(long, value_name = "REV")]
        since: Option<String>,
        /// How to print errors: for people, or as GitHub Actions annotations
        /// (`::error file=...,line=...,col=...::message`) shown on the changed lines.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Build, serve on 127.0.0.1 and rebuild on every change, with live reload.
    Serve {
        /// The site folder (holds casefile.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on (0 picks a free one).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Leave out drafts, as `build` does. By default the preview shows
        /// them, each marked as a draft.
        #[arg(long)]
        hide_drafts: bool,
    },
    /// Record that translations are up to date with their originals as they are now.
    ///
    /// Writes `translates` (a hash of each part of the original) into each
    /// translation: the front matter of a page, section, update or source
    /// (`x.es.md`), or each record of a record file (`facts/x.es.toml`,
    /// `timeline.es.toml`...). When an original changes afterwards, `check`
    /// warns, naming both files and the parts that changed, and the
    /// translated page tells its readers so. A folder marks every
    /// translation in it.
    Translated {
        /// Translation files or folders (e.g. content/articles/the-agreement.es.md, content/).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The site folder (holds casefile.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a new, empty site that builds at once.
    Init {
        /// The folder to create.
        dir: PathBuf,
    },
    /// Create a new content file or record with its fields to fill in, and print its path.
    ///
    /// `check` names every field still to fill in. Updates and corrections
    /// are dated now, in the site's time zone.
    New {
        #[command(subcommand)]
        what: NewCommand,
        /// The site folder (holds casefile.toml).
        #[arg(long, default_value = ".", global = true)]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// A draft article: content/articles/SLUG.md (set draft = false to publish it).
    Article {
        /// Its title.
        title: String,
    },
    /// A source: content/sources/SLUG.md; paste the document's full text under the front matter.
    Source {
        /// A descriptive title ("News report on the agreement").
        title: String,
    },
    /// A fact, appended to content/facts/TOPIC.toml: fill in its statement, attribution, source and quote.
    Fact {
        /// Its id: lowercase letters, digits and hyphens; never changed or reused.
        id: String,
        /// The topic, i.e. the facts file it goes into (content/facts/TOPIC.toml).
        #[arg(long, default_value = "general")]
        topic: String,
    },
    /// An update: new information, dated now, shown on the pages and facts it names and in the feeds.
    Update(UpdateArgs),
    /// A correction: what was wrong and what is right, dated now. It must name what it corrects,
    /// with --fact, --page or --removed (any of them, as often as needed); each page and fact it
    /// names then says it was corrected and shows the correction's date.
    Correction(UpdateArgs),
    /// A timeline event, appended to content/timeline.toml.
    Event {
        /// Its id.
        id: String,
    },
    /// A lawsuit, appended to content/lawsuits.toml.
    Lawsuit {
        /// Its id.
        id: String,
    },
    /// A person or organisation, appended to content/people.toml.
    Person {
        /// Its id.
        id: String,
    },
    /// A glossary term, appended to content/glossary.toml.
    Term {
        /// Its id.
        id: String,
    },
}

#[derive(clap::Args)]
struct UpdateArgs {
    /// What changed and why, in a sentence or two: the entry's text (its first sentence titles
    /// it in feeds unless --title is given).
    text: String,
    /// A fact it changed, by id (repeatable): --fact twenty-states-sue.
    #[arg(long = "fact", value_name = "ID")]
    facts: Vec<String>,
    /// A page it changed, by its file under content/ (repeatable): --page articles/the-agreement.md.
    #[arg(long = "page", value_name = "PATH")]
    pages: Vec<String>,
    /// A fact it took off the site, by its old id (repeatable), for one no longer in content/facts/.
    #[arg(long = "removed", value_name = "ID")]
    removed: Vec<String>,
    /// A short title for feeds and lists (default: the first sentence of the text).
    #[arg(long)]
    title: Option<String>,
}

/// How diagnostics are printed.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Messages with the source line and a caret, on stderr.
    Human,
    /// The same on stderr, plus one GitHub Actions annotation per problem on stdout.
    Github,
}

/// Prints annotations for GitHub Actions, with paths from the repository root
/// (the current folder) to the site's files.
fn print_annotations(
    format: Format,
    root: &std::path::Path,
    diagnostics: &[casefile::diagnostics::Diagnostic],
) {
    if format != Format::Github {
        return;
    }
    let root = std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            root.strip_prefix(cwd)
                .ok()
                .map(std::path::Path::to_path_buf)
        })
        .unwrap_or_else(|| root.to_path_buf());
    let prefix: Vec<String> = root
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let prefix = if prefix.is_empty() {
        String::new()
    } else {
        format!("{}/", prefix.join("/"))
    };
    for d in diagnostics {
        println!("{}", d.github_annotation(&prefix));
    }
}

fn require_site(root: &std::path::Path) -> Result<(), ExitCode> {
    if site::is_site(root) {
        return Ok(());
    }
    eprintln!(
        "error: {} is not a casefile site (no casefile.toml)\n  = help: run in a site folder, pass --root DIR, or create a site with `casefile init DIR`",
        root.display()
    );
    Err(ExitCode::from(2))
}

fn print_warnings(warnings: &[casefile::diagnostics::Diagnostic]) {
    for w in warnings {
        eprintln!("{w}\n");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            jobs,
            timings,
            since,
            format,
        } => {
            if let Err(code) = require_site(&root) {
                return code;
            }
            let opts = BuildOptions {
                root: root.clone(),
                output,
                base_url,
                drafts,
                threads: jobs,
                timings,
                since,
                ..Default::default()
            };
            match site::build(&opts) {
                Ok(s) => {
                    print_warnings(&s.warnings);
                    print_annotations(format, &root, &s.warnings);
                    println!("Built {s} into {}", opts.output_dir().display());
                    ExitCode::SUCCESS
                }
                Err(f) => {
                    eprintln!("{f}");
                    print_annotations(format, &root, &f.diagnostics);
                    eprintln!(
                        "The previous output in {} was left untouched.",
                        opts.output_dir().display()
                    );
                    ExitCode::from(1)
                }
            }
        }
        Command::Check {
            root,
            drafts,
            since,
            format,
        } => {
            if let Err(code) = require_site(&root) {
                return code;
            }
            let opts = BuildOptions {
                root: root.clone(),
                drafts,
                since,
                ..Default::default()
            };
            match site::check(&opts) {
                Ok(s) => {
                    print_warnings(&s.warnings);
                    print_annotations(format, &root, &s.warnings);
                    println!("Checked {s}: no errors");
                    ExitCode::SUCCESS
                }
                Err(f) => {
                    eprintln!("{f}");
                    print_annotations(format, &root, &f.diagnostics);
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve {
            root,
            port,
            open,
            hide_drafts,
        } => {
            if let Err(code) = require_site(&root) {
                return code;
            }
            match casefile::serve::serve(&casefile::serve::ServeOptions {
                root,
                port,
                open,
                drafts: !hide_drafts,
                ..Default::default()
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Translated { paths, root } => {
            if let Err(code) = require_site(&root) {
                return code;
            }
            match casefile::translate::mark(&root, &paths) {
                Ok(marked) => {
                    for m in &marked {
                        match m.records {
                            None => println!(
                                "Marked {} as translating {} as it is now",
                                m.file, m.original
                            ),
                            Some(n) => println!(
                                "Marked {n} record{} in {} as translating {} as it is now",
                                if n == 1 { "" } else { "s" },
                                m.file,
                                m.original
                            ),
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    for e in &errors {
                        eprintln!("{e}\n");
                    }
                    ExitCode::from(1)
                }
            }
        }
        Command::Init { dir } => match casefile::scaffold::init(&dir) {
            Ok(files) => {
                for f in files {
                    println!("created {}", f.display());
                }
                println!("Next: casefile serve --root {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        Command::New { what, root } => {
            if let Err(code) = require_site(&root) {
                return code;
            }
            use casefile::scaffold::{NewRequest, UpdateRequest};
            fn update(u: &UpdateArgs) -> UpdateRequest<'_> {
                UpdateRequest {
                    text: &u.text,
                    title: u.title.as_deref(),
                    facts: &u.facts,
                    pages: &u.pages,
                    removed: &u.removed,
                }
            }
            let req = match &what {
                NewCommand::Article { title } => NewRequest::Article(title),
                NewCommand::Source { title } => NewRequest::Source(title),
                NewCommand::Fact { id, topic } => NewRequest::Fact { id, topic },
                NewCommand::Update(u) => NewRequest::Update(update(u)),
                NewCommand::Correction(u) => NewRequest::Correction(update(u)),
                NewCommand::Event { id } => NewRequest::Event(id),
                NewCommand::Lawsuit { id } => NewRequest::Lawsuit(id),
                NewCommand::Person { id } => NewRequest::Person(id),
                NewCommand::Term { id } => NewRequest::Term(id),
            };
            match casefile::scaffold::new_record(&root, &req) {
                Ok(path) => {
                    println!("{}", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}
