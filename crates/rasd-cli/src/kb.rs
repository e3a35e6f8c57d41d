//! `rasd kb`: look names up and count what the knowledge base holds; `--kb FILE` loading.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use rasd_kb::Kb;

/// `rasd kb …` commands.
#[derive(Subcommand)]
pub enum KbCommand {
    /// Which records a name can mean.
    Lookup {
        /// The name, in Arabic or Latin script.
        name: String,
    },
    /// Counts by type and kind, patterns, load time.
    Stats,
}

/// The embedded KB, or one with the user's files added (validated: every problem is reported
/// with its file and line, and any problem stops the run).
pub fn load(files: &[String]) -> Result<&'static Kb> {
    if files.is_empty() {
        return Ok(Kb::embedded());
    }
    let mut extra = Vec::new();
    for f in files {
        let content = std::fs::read_to_string(f)
            .with_context(|| format!("reading knowledge-base file {f}"))?;
        extra.push((f.clone(), content));
    }
    let (kb, errors) = Kb::build(&extra);
    let mine: Vec<_> = errors
        .iter()
        .filter(|e| files.iter().any(|f| e.origin.starts_with(f.as_str())))
        .collect();
    if !mine.is_empty() {
        for e in &mine {
            eprintln!("rasd: {e}");
        }
        bail!(
            "{} problem(s) in the knowledge-base file(s) given with --kb",
            mine.len()
        );
    }
    Ok(Box::leak(Box::new(kb)))
}

pub fn run(cmd: KbCommand, files: &[String]) -> Result<ExitCode> {
    let t = Instant::now();
    let kb = load(files)?;
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    match cmd {
        KbCommand::Lookup { name } => {
            let found = kb.lookup(&name);
            if found.is_empty() {
                println!("no record is named `{name}`");
                return Ok(ExitCode::from(1));
            }
            for (r, how) in found {
                println!(
                    "{}\t{}\t{}\t{} / {}\t{}\t{:?}",
                    r.id,
                    r.etype,
                    r.kind,
                    r.name_ar,
                    r.name_en,
                    r.country.as_deref().unwrap_or("-"),
                    how
                );
                if let Some((la, lo)) = r.geo {
                    println!("\tgeo {la},{lo}");
                }
                for a in &r.aliases {
                    let p = match (&a.valid.from, &a.valid.to) {
                        (None, None) => String::new(),
                        (f, t) => format!(
                            " ({}..{})",
                            f.as_deref().unwrap_or(""),
                            t.as_deref().unwrap_or("")
                        ),
                    };
                    println!("\talias {}{p}", a.text);
                }
                for ro in &r.roles {
                    println!("\trole {} / {}", ro.ar, ro.en);
                }
                println!("\tfrom {}", r.origin);
            }
        }
        KbCommand::Stats => {
            let mut by: BTreeMap<(String, String), usize> = BTreeMap::new();
            for r in kb.records() {
                *by.entry((r.etype.to_string(), r.kind.clone())).or_default() += 1;
            }
            println!(
                "{} records, {} name patterns; built in {load_ms:.0} ms",
                kb.records().len(),
                kb.matcher().len()
            );
            for ((t, k), n) in by {
                println!("{t}\t{k}\t{n}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
