//! `rasd`: the command line. A thin layer: argument parsing, parallelism, progress and output.
//! The work is done by the library crates (`rasd-analysis` and the crates under it,
//! `rasd-store`, `rasd-server`).

mod analyze;
mod bench;
mod kb;
mod store_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// rasd (رصد): Arabic-native news event intelligence.
#[derive(Parser)]
#[command(name = "rasd", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Output formats of `rasd analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON record per line (the evaluation contract).
    Jsonl,
    /// One JSON array of records, indented.
    Json,
    /// A readable terminal view for a person.
    Pretty,
}

#[derive(Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run
enum Command {
    /// Read documents and print one analysis record per document.
    Analyze {
        /// Output format.
        #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Jsonl)]
        format: OutputFormat,
        /// Worker threads (default: all cores).
        #[arg(long, short = 'j')]
        jobs: Option<usize>,
        /// Largest document accepted, in bytes.
        #[arg(long, default_value_t = rasd_ingest::reader::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// Extra knowledge-base files (TSV, the schema of data/kb/README.md) that add or
        /// override records.
        #[arg(long = "kb", value_name = "FILE")]
        kb: Vec<String>,
        /// Files (.txt, .html, .htm, .jsonl, .jsonl.gz), folders, or `-` for stdin.
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// Analyse documents and add them to the store (idempotent, resumable, parallel).
    Ingest {
        #[command(flatten)]
        db: store_cmd::DbArg,
        /// Worker threads (default: all cores).
        #[arg(long, short = 'j')]
        jobs: Option<usize>,
        /// Largest document accepted, in bytes.
        #[arg(long, default_value_t = rasd_ingest::reader::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// Extra knowledge-base files.
        #[arg(long = "kb", value_name = "FILE")]
        kb: Vec<String>,
        /// Documents per transaction.
        #[arg(long, default_value_t = 512)]
        batch: usize,
        /// Files (.txt, .html, .jsonl(.gz), .warc(.gz), .rss/.atom/.xml) or folders.
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// Ask the store: search, events, dyad, entity, stats.
    Query {
        #[command(subcommand)]
        command: store_cmd::QueryCommand,
        #[command(flatten)]
        db: store_cmd::DbArg,
        /// Output format.
        #[arg(long, short = 'f', value_enum, default_value_t = store_cmd::QueryFormat::Table, global = true)]
        format: store_cmd::QueryFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short = 'o', global = true)]
        out: Option<String>,
    },
    /// Export events with PLOVER field names (jsonl, csv, parquet) for pandas and R.
    Export {
        #[command(flatten)]
        db: store_cmd::DbArg,
        /// jsonl, csv or parquet.
        #[arg(long, short = 'f', default_value = "jsonl")]
        format: String,
        /// Output file (default: standard output).
        #[arg(long, short = 'o')]
        out: Option<String>,
        #[command(flatten)]
        filters: store_cmd::FilterArgs,
    },
    /// Serve the HTTP API and the web UI.
    Serve {
        #[command(flatten)]
        db: store_cmd::DbArg,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Require `Authorization: Bearer TOKEN` on /api/*.
        #[arg(long, env = "RASD_TOKEN")]
        token: Option<String>,
        /// Largest request body, bytes.
        #[arg(long, default_value_t = 2 * 1024 * 1024)]
        max_body: usize,
        /// Requests per minute per client (0: unlimited).
        #[arg(long, default_value_t = 1200)]
        rate: u32,
        /// No request log lines.
        #[arg(long)]
        quiet: bool,
    },
    /// Look into the knowledge base.
    Kb {
        #[command(subcommand)]
        command: kb::KbCommand,
        /// Extra knowledge-base files to load first.
        #[arg(long = "kb", value_name = "FILE", global = true)]
        kb: Vec<String>,
    },
    /// Measure text-core throughput (normalize + sentences + tokens + clitics) on a corpus.
    Bench {
        /// A .jsonl(.gz) corpus or folder.
        #[arg(default_value = "../shared/data/saudinewsnet/saudinewsnet.jsonl.gz")]
        corpus: String,
        /// Use at most this many documents.
        #[arg(long)]
        limit: Option<usize>,
        /// Threads for the all-cores run (default: all cores).
        #[arg(long, short = 'j')]
        jobs: Option<usize>,
    },
    /// Show how the text core segments words: clitics, stem, light stem.
    Segment {
        /// Arabic words (or a sentence in quotes).
        #[arg(required = true)]
        words: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze {
            format,
            jobs,
            max_bytes,
            kb,
            inputs,
        } => analyze::run(&inputs, format, jobs, max_bytes, &kb),
        Command::Kb { command, kb } => kb::run(command, &kb),
        Command::Ingest {
            db,
            jobs,
            max_bytes,
            kb,
            batch,
            inputs,
        } => store_cmd::ingest(&inputs, &db, jobs, max_bytes, &kb, batch.max(1)),
        Command::Query {
            command,
            db,
            format,
            out,
        } => store_cmd::query(command, &db, format, out.as_deref()),
        Command::Export {
            db,
            format,
            out,
            filters,
        } => store_cmd::export_cmd(&db, &format, out.as_deref(), &filters),
        Command::Serve {
            db,
            addr,
            token,
            max_body,
            rate,
            quiet,
        } => store_cmd::serve(&db, &addr, token, max_body, rate, quiet),
        Command::Bench {
            corpus,
            limit,
            jobs,
        } => bench::run(&corpus, limit, jobs),
        Command::Segment { words } => {
            segment(&words);
            Ok(ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("rasd: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn segment(words: &[String]) {
    use rasd_text::tokenize::{tokenize, TokenKind};
    for w in words {
        for t in tokenize(w) {
            let s = t.text(w);
            if t.kind == TokenKind::Arabic {
                let seg = rasd_text::clitics::segment(s);
                println!("{s}\t{}\t{}", seg.render(s), rasd_text::stem::light_stem(s));
            } else {
                println!("{s}\t{:?}", t.kind);
            }
        }
    }
}
