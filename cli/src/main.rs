//! `headroom`: the capacity model from the command line.
//!
//! Reads a scenario (a JSON file, a share link or a preset), projects it and
//! prints a table, CSV or JSON. Bad input exits with status 2 and one line on
//! stderr naming the problem.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use headroom_models::compare::compare;
use headroom_models::engine::{path_figures, PathFigures};
use headroom_models::uncertainty::{sensitivity, Range, Simulation, Simulator, Uncertainty};
use headroom_models::{catalog, codec, project, Error, Preset, Scenario};

mod output;

/// Headroom: project users, load, sized infrastructure and cost per customer, month by month.
#[derive(Parser)]
#[command(name = "headroom", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Project a scenario and print the monthly table, CSV or JSON; with --range or
    /// --samples, a Monte Carlo run's percentiles instead.
    Project {
        #[command(flatten)]
        source: Source,
        #[command(flatten)]
        edits: Edits,
        #[command(flatten)]
        ranges: Ranges,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Rank the ranged inputs by how far each alone moves infrastructure cost per customer at the horizon.
    Sensitivity {
        #[command(flatten)]
        source: Source,
        #[command(flatten)]
        edits: Edits,
        #[command(flatten)]
        ranges: Ranges,
        /// Output format (table or json).
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Compare two scenarios side by side: figures at the end of each stage and at
    /// the horizon, with B's difference from A.
    Compare {
        /// Scenario A: a scenario file, a share link or a preset id.
        a: String,
        /// Scenario B: a scenario file, a share link or a preset id.
        b: String,
        #[command(flatten)]
        edits: Edits,
        /// Output format (table or json).
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Turn a scenario into a share link (or a bare token with --token).
    Link {
        #[command(flatten)]
        source: Source,
        #[command(flatten)]
        edits: Edits,
        #[command(flatten)]
        ranges: Ranges,
        /// The planner's address the link opens.
        #[arg(long, default_value = "http://127.0.0.1:8080/")]
        base: String,
        /// Print only the token (what follows `#s=`).
        #[arg(long)]
        token: bool,
    },
    /// Print a scenario as JSON (every input, with defaults filled in): a file to edit.
    Scenario {
        #[command(flatten)]
        source: Source,
        #[command(flatten)]
        edits: Edits,
        #[command(flatten)]
        ranges: Ranges,
    },
    /// List the presets and their assumptions.
    Presets,
    /// List the price catalogs, or one catalog's price keys for `--set stack.price_overrides.<key>=<usd>`.
    Catalogs {
        /// Catalog id whose price keys to list.
        #[arg(long, value_name = "ID")]
        prices: Option<String>,
    },
    /// List every input name (for --set) with its default value.
    Inputs,
}

/// Where the scenario comes from. With none, the built-in default scenario.
#[derive(Args)]
#[group(multiple = false)]
struct Source {
    /// A scenario file (JSON); `-` reads standard input.
    file: Option<String>,
    /// A preset id (see `headroom presets`).
    #[arg(long)]
    preset: Option<String>,
    /// A share link, a `#s=...` fragment or a bare token.
    #[arg(long)]
    link: Option<String>,
}

impl Source {
    /// A scenario named by one word: an existing file, a share link (a URL with
    /// `#s=`, a fragment or a bare `1.` token), else a preset id.
    fn guess(arg: &str) -> Source {
        let (mut file, mut preset, mut link) = (None, None, None);
        if std::path::Path::new(arg).is_file() || arg == "-" {
            file = Some(arg.to_owned());
        } else if arg.contains("s=") || arg.starts_with(|c: char| c.is_ascii_digit()) {
            link = Some(arg.to_owned());
        } else {
            preset = Some(arg.to_owned());
        }
        Source { file, preset, link }
    }
}

#[derive(Args)]
struct Edits {
    /// Months to project (1 to 120); same as --set horizon_months=N.
    #[arg(long, value_name = "N")]
    months: Option<u32>,
    /// Change one input: dotted name = JSON value, e.g. growth.monthly_rate=0.1. Repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
}

/// Uncertainty: inputs as ranges (the likely value is the scenario's own) and
/// the Monte Carlo settings.
#[derive(Args)]
struct Ranges {
    /// An input as a range around its value: dotted name = LOW:HIGH, e.g.
    /// growth.monthly_rate=0.08:0.16. Repeatable.
    #[arg(long = "range", value_name = "KEY=LOW:HIGH")]
    range: Vec<String>,
    /// Monte Carlo paths (1,000 to 100,000).
    #[arg(long, value_name = "N")]
    samples: Option<u32>,
    /// Seed of the paths: the same seed gives the same numbers.
    #[arg(long, value_name = "S")]
    seed: Option<u64>,
}

impl Ranges {
    /// Whether any uncertainty option was given.
    fn any(&self) -> bool {
        !self.range.is_empty() || self.samples.is_some() || self.seed.is_some()
    }

    /// The scenario's own settings (or the defaults) with these options on top:
    /// a `--range` adds or replaces that input's range.
    fn uncertainty(&self, scenario: &Scenario) -> Result<Uncertainty, Error> {
        let mut u = scenario.input().uncertainty.clone().unwrap_or_default();
        if let Some(n) = self.samples {
            u.paths = n;
        }
        if let Some(seed) = self.seed {
            u.seed = seed;
        }
        for item in &self.range {
            let bad = || {
                Error::invalid(
                    "--range",
                    item,
                    "KEY=LOW:HIGH, e.g. growth.monthly_rate=0.08:0.16",
                )
            };
            let (key, ends) = item.split_once('=').ok_or_else(bad)?;
            let (low, high) = ends.split_once(':').ok_or_else(bad)?;
            let number = |t: &str| t.trim().parse::<f64>().map_err(|_| bad());
            u.ranges.insert(
                key.trim().to_owned(),
                Range {
                    low: number(low)?,
                    high: number(high)?,
                },
            );
        }
        Ok(u)
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                eprintln!("headroom: a command is required: project, sensitivity, compare, link, scenario, presets, catalogs or inputs (see `headroom --help`)");
                return ExitCode::from(2);
            }
            // One line: clap's first line, with the allowed values when it lists them.
            let text = e.render().to_string();
            let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
            let first = lines
                .next()
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ");
            let allowed = lines
                .find(|l| l.starts_with("[possible values:"))
                .map(|l| format!(" {l}"))
                .unwrap_or_default();
            eprintln!("headroom: {first}{allowed} (see `headroom --help`)");
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(text) => {
            let mut out = io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                // A closed pipe (`| head`) took what it wanted: not an error.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("headroom: cannot write the output: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Err(e) => {
            eprintln!("headroom: {e}");
            ExitCode::from(2)
        }
    }
}

/// The Monte Carlo run with its paths projected on every core: drawn in one
/// sequence as the model draws them, projected in order-keeping chunks, so the
/// numbers are those of `simulate` (and of the app) for the same seed.
fn simulate_on_threads(scenario: &Scenario, u: &Uncertainty) -> Result<Simulation, Error> {
    let mut run = Simulator::new(scenario, u)?;
    let drawn = run.draw(u.paths)?;
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = drawn.len().div_ceil(threads).max(1);
    let figures: Vec<Vec<PathFigures>> = std::thread::scope(|scope| {
        let workers: Vec<_> = drawn
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(path_figures).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            // A path cannot panic (the model is total); if one did, say so.
            .map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    run.add(figures.into_iter().flatten());
    Ok(run.result())
}

fn run(cli: Cli) -> Result<String, Error> {
    match cli.command {
        Command::Project {
            source,
            edits,
            ranges,
            format,
        } => {
            let scenario = load(&source, &edits)?;
            if ranges.any() {
                let sim = simulate_on_threads(&scenario, &ranges.uncertainty(&scenario)?)?;
                return Ok(match format {
                    Format::Table => output::simulation_table(scenario.name(), &sim),
                    Format::Csv => sim.csv(),
                    Format::Json => serde_json::to_string_pretty(&sim).unwrap_or_default() + "\n",
                });
            }
            let p = project(&scenario);
            Ok(match format {
                Format::Table => output::table(&p),
                Format::Csv => headroom_models::monthly_csv(&p),
                Format::Json => output::json(&p),
            })
        }
        Command::Sensitivity {
            source,
            edits,
            ranges,
            format,
        } => {
            let scenario = load(&source, &edits)?;
            let u = ranges.uncertainty(&scenario)?;
            if u.ranges.is_empty() {
                return Err(Error::invalid(
                    "--range",
                    "none",
                    "at least one KEY=LOW:HIGH to rank",
                ));
            }
            let swings = sensitivity(&scenario, &u)?;
            Ok(match format {
                Format::Json => serde_json::to_string_pretty(&swings).unwrap_or_default() + "\n",
                _ => output::sensitivity_table(scenario.name(), &swings),
            })
        }
        Command::Compare {
            a,
            b,
            edits,
            format,
        } => {
            let side = |arg: &str, label: &str| {
                let source = Source::guess(arg);
                load(&source, &edits).map_err(|e| Error {
                    field: format!("{label}: {}", e.field),
                    ..e
                })
            };
            let (pa, pb) = (project(&side(&a, "A")?), project(&side(&b, "B")?));
            let c = compare(&pa, &pb);
            Ok(match format {
                Format::Json => serde_json::to_string_pretty(&c).unwrap_or_default() + "\n",
                _ => output::comparison_table(&c),
            })
        }
        Command::Link {
            source,
            edits,
            ranges,
            base,
            token,
        } => {
            let scenario = with_ranges(load(&source, &edits)?, &ranges)?;
            Ok(if token {
                format!("{}\n", codec::encode(&scenario))
            } else {
                let page = base.split('#').next().unwrap_or(&base);
                format!("{page}{}\n", codec::fragment(&scenario))
            })
        }
        Command::Scenario {
            source,
            edits,
            ranges,
        } => {
            let scenario = with_ranges(load(&source, &edits)?, &ranges)?;
            let mut text = serde_json::to_string_pretty(scenario.input()).unwrap_or_default();
            text.push('\n');
            Ok(text)
        }
        Command::Presets => Ok(output::presets()),
        Command::Catalogs { prices } => match prices {
            None => output::catalogs(),
            Some(id) => {
                let catalog = catalog::by_id(&id).map_err(|e| Error {
                    field: "--prices".to_owned(),
                    ..e
                })?;
                Ok(output::price_keys(&catalog))
            }
        },
        Command::Inputs => Ok(output::inputs()),
    }
}

/// The scenario with the uncertainty options written into it (for links and
/// files that carry the ranges and the seed); unchanged without options.
fn with_ranges(scenario: Scenario, ranges: &Ranges) -> Result<Scenario, Error> {
    if !ranges.any() {
        return Ok(scenario);
    }
    let mut input = scenario.input().clone();
    input.uncertainty = Some(ranges.uncertainty(&scenario)?);
    Scenario::new(input)
}

/// Read the scenario from its source, then apply --months and --set in order.
fn load(source: &Source, edits: &Edits) -> Result<Scenario, Error> {
    let scenario = if let Some(id) = &source.preset {
        id.parse::<Preset>()?.scenario()
    } else if let Some(link) = &source.link {
        codec::decode(link)?
    } else if let Some(path) = &source.file {
        let text = if path == "-" {
            let mut s = String::new();
            io::stdin().read_to_string(&mut s).map_err(|e| {
                Error::invalid(
                    "scenario file",
                    "-",
                    format!("readable standard input ({e})"),
                )
            })?;
            s
        } else {
            std::fs::read_to_string(path).map_err(|e| {
                Error::invalid("scenario file", path, format!("a readable file ({e})"))
            })?
        };
        Scenario::from_json(&text).map_err(|e| Error {
            field: format!("{path}: {}", e.field),
            ..e
        })?
    } else {
        Scenario::default()
    };
    // All edits are applied together and checked once, so their order never matters.
    let months = edits.months.map(|n| n.to_string());
    let mut settings: Vec<(&str, &str)> = months
        .iter()
        .map(|n| ("horizon_months", n.as_str()))
        .collect();
    for item in &edits.set {
        let (key, value) = item.split_once('=').ok_or_else(|| {
            Error::invalid("--set", item, "KEY=VALUE, e.g. growth.monthly_rate=0.1")
        })?;
        settings.push((key.trim(), value.trim()));
    }
    if settings.is_empty() {
        Ok(scenario)
    } else {
        scenario.with_settings(&settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The threaded run gives the sequential run's numbers, bit for bit.
    #[test]
    fn threads_give_the_same_simulation_as_one_thread() {
        let s = Scenario::default();
        let mut u = Uncertainty {
            seed: 42,
            ..Uncertainty::default()
        };
        u.ranges.insert(
            "growth.monthly_rate".into(),
            Range {
                low: 0.05,
                high: 0.3,
            },
        );
        u.ranges.insert(
            "usage.db_writes_per_request".into(),
            Range {
                low: 0.1,
                high: 3.0,
            },
        );
        let threaded = simulate_on_threads(&s, &u).unwrap();
        let one = headroom_models::uncertainty::simulate(&s, &u).unwrap();
        assert_eq!(
            serde_json::to_string(&threaded).unwrap(),
            serde_json::to_string(&one).unwrap()
        );
    }
}
