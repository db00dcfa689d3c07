//! SHA-512 and SHA-256 of a megabyte in four threads at once: sha2 picks its AVX2 code for
//! SHA-512 when CPUID says AVX2, so the kernel must enable and switch the AVX state.
use sha2::{Digest, Sha256, Sha512};

fn main() {
    let data: Vec<u8> = (0..1_000_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let workers: Vec<_> = (0..4u8)
        .map(|t| {
            let d = data.clone();
            std::thread::spawn(move || {
                let mut lines = Vec::new();
                for r in 0..8 {
                    let mut h = Sha512::new();
                    h.update(&d[r..]);
                    h.update([t]);
                    lines.push(format!("thread {t} sha512 {r}: {:x}", h.finalize()));
                }
                lines.push(format!("thread {t} sha256: {:x}", Sha256::digest(&d)));
                lines.join("\n")
            })
        })
        .collect();
    for w in workers {
        println!("{}", w.join().unwrap());
    }
    println!("avx2: {}", is_x86_feature_detected!("avx2"));
}
