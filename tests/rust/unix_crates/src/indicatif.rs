//! indicatif: progress bars and spinners (drawn to a hidden target), styles, human formats.
use indicatif::{HumanBytes, HumanCount, HumanDuration, MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::time::Duration;

fn main() {
    let bar = ProgressBar::with_draw_target(Some(100), ProgressDrawTarget::hidden());
    bar.set_style(ProgressStyle::with_template("{msg} [{bar:20}] {pos}/{len}").unwrap().progress_chars("=> "));
    bar.set_message("copying");
    for _ in 0..40 {
        bar.inc(1);
    }
    println!("position {}, length {:?}, finished {}", bar.position(), bar.length(), bar.is_finished());
    bar.finish_with_message("done copying");
    println!("finished {}, message {:?}", bar.is_finished(), bar.message());

    // Bars on threads under a MultiProgress.
    let multi = MultiProgress::with_draw_target(ProgressDrawTarget::hidden());
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let pb = multi.add(ProgressBar::new(50));
            std::thread::spawn(move || {
                for _ in 0..50 {
                    pb.inc(1);
                }
                pb.finish();
                (i, pb.position())
            })
        })
        .collect();
    for h in handles {
        let (i, p) = h.join().unwrap();
        println!("bar {i}: {p}");
    }
    let spinner = ProgressBar::new_spinner();
    spinner.set_draw_target(ProgressDrawTarget::hidden());
    spinner.tick();
    spinner.finish_and_clear();
    println!("{} {} {} {}", HumanBytes(1536), HumanBytes(3 << 30), HumanCount(1234567), HumanDuration(Duration::from_secs(3725)));
    println!("done");
}
