//! Arguments and environment on Astra through std. Run it from "/" with no TMPDIR so that the
//! directories it prints are the same everywhere.
use std::env;

fn main() {
    let args: Vec<String> = env::args().collect();
    println!("argc = {}", args.len());
    for (i, a) in args.iter().enumerate().skip(1) {
        println!("  arg {i}: {a:?} ({} bytes)", a.len());
    }
    let os_args = env::args_os().count();
    println!("args_os agrees: {}", os_args == args.len());

    let mut ours: Vec<(String, String)> = env::vars().filter(|(k, _)| k.starts_with("ASTRA_EXAMPLE_")).collect();
    ours.sort();
    println!("{} ASTRA_EXAMPLE_* variables:", ours.len());
    for (k, v) in &ours {
        println!("  {k} = {v:?}");
    }
    println!("missing variable: {:?}", env::var("ASTRA_EXAMPLE_MISSING"));
    env::set_var("ASTRA_EXAMPLE_SET", "set at run time");
    println!("after set_var: {:?}", env::var("ASTRA_EXAMPLE_SET"));
    env::set_var("ASTRA_EXAMPLE_SET", "overwritten");
    println!("after a second set_var: {:?}", env::var("ASTRA_EXAMPLE_SET"));
    env::remove_var("ASTRA_EXAMPLE_SET");
    println!("after remove_var: {:?}", env::var_os("ASTRA_EXAMPLE_SET"));
    // The starting directory differs between machines; moving to a known one does not.
    println!("current_dir is absolute: {:?}", env::current_dir().map(|p| p.is_absolute()));
    println!("set_current_dir(/tmp): {:?}", env::set_current_dir("/tmp"));
    println!("current_dir: {:?}", env::current_dir().map(|p| p.display().to_string()));
    println!("set_current_dir(missing): {:?}", env::set_current_dir("/no/such/dir").map_err(|e| e.kind()));
    let joined = env::join_paths(["/bin", "/usr/bin"]).unwrap();
    println!("join_paths: {:?}", joined);
    println!("split_paths: {:?}", env::split_paths("/a::/b").collect::<Vec<_>>());
    println!("join_paths with ':': {}", env::join_paths(["a:b"]).is_err());
    println!("temp_dir: {}", env::temp_dir().display());
    let code = env::var("ASTRA_EXAMPLE_EXIT").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    println!("exiting with status {code}");
    std::process::exit(code);
}
