//! clap 4 with derive: arguments, subcommands, defaults, errors and help, as a CLI sees them.
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(name = "tool", version = "1.2.3", about = "A small tool")]
struct Cli {
    /// Verbosity (repeat for more)
    #[arg(short, long, action = clap::ArgAction::Count)]
    verbose: u8,
    /// Output colour
    #[arg(long, value_enum, default_value_t = Colour::Auto)]
    colour: Colour,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Colour {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Copy files
    Copy {
        #[arg(required = true)]
        sources: Vec<String>,
        #[arg(short = 'n', long, default_value_t = 1)]
        count: u32,
    },
    /// Show a name
    Show { name: Option<String> },
}

fn main() {
    // The program's own arguments (passed by the test), then fixed ones.
    let cli = Cli::parse();
    println!("own args: {cli:?}");
    for argv in [
        vec!["tool", "-vv", "--colour", "never", "copy", "a", "b", "-n", "3"],
        vec!["tool", "show", "x"],
        vec!["tool", "show"],
        vec!["tool", "--colour", "purple"],
        vec!["tool", "copy"],
        vec!["tool", "--version"],
        vec!["tool", "--bogus"],
    ] {
        match Cli::try_parse_from(&argv) {
            Ok(c) => println!("{argv:?} -> {c:?}"),
            Err(e) => println!("{argv:?} -> error kind {:?} exit {}:\n{}", e.kind(), e.use_stderr() as i32 * 2, e.render()),
        }
    }
    println!("{}", Cli::command().render_help());
    Cli::command().debug_assert();
    println!("done");
}
