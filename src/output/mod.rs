//! Stage 6, output: where rendered files go.
//!
//! A build never writes into the live output folder. It writes into a fresh
//! staging folder beside it and, only if the whole build succeeded, swaps the
//! two with renames ([`Staging::commit`]); a failed build deletes the staging
//! folder and leaves the previous site exactly as it was. `check` writes into
//! a [`NullSink`], which still catches two files claiming one path.

mod names;
mod sink;
mod staging;

pub use names::{path_to_file, safe_name, segment_problem, unsafe_name, MAX_NAME};
pub use sink::{DirSink, NullSink, Sink};
pub use staging::{check_output_dir, Staging, OUTPUT_MARKER};
