//! AVX2 through std::arch after is_x86_feature_detected!, in four threads, against Linux
//! (tests/kernel/xstate_test.py): a stock static Linux program (static-pie, +crt-static).
use std::arch::x86_64::*;
use std::thread;

#[target_feature(enable = "avx2")]
unsafe fn mix_avx2(seed: u32, rounds: u32) -> u64 {
    let mut acc = _mm256_set1_epi32(seed as i32);
    let step = _mm256_setr_epi32(1, 3, 5, 7, 11, 13, 17, 19);
    for i in 0..rounds {
        acc = _mm256_add_epi32(_mm256_mullo_epi32(acc, step), _mm256_set1_epi32(i as i32));
        acc = _mm256_xor_si256(acc, _mm256_srli_epi32(acc, 7));
        if i % 1000 == 0 {
            thread::yield_now();
        }
    }
    let mut out = [0u32; 8];
    _mm256_storeu_si256(out.as_mut_ptr() as *mut __m256i, acc);
    out.iter().fold(0u64, |h, &x| h.wrapping_mul(1_000_003).wrapping_add(x as u64))
}

fn mix_scalar(seed: u32, rounds: u32) -> u64 {
    let step = [1u32, 3, 5, 7, 11, 13, 17, 19];
    let mut acc = [seed; 8];
    for i in 0..rounds {
        for (a, s) in acc.iter_mut().zip(step) {
            *a = a.wrapping_mul(s).wrapping_add(i);
            *a ^= *a >> 7;
        }
    }
    acc.iter().fold(0u64, |h, &x| h.wrapping_mul(1_000_003).wrapping_add(x as u64))
}

fn main() {
    let avx2 = is_x86_feature_detected!("avx2");
    println!("avx2 detected: {avx2}");
    let handles: Vec<_> = (1..=4u32)
        .map(|seed| {
            thread::spawn(move || {
                let got = if avx2 { unsafe { mix_avx2(seed, 200_000) } } else { mix_scalar(seed, 200_000) };
                (seed, got, got == mix_scalar(seed, 200_000))
            })
        })
        .collect();
    for h in handles {
        let (seed, got, same) = h.join().unwrap();
        println!("thread {seed}: {got:016x}, the same as scalar code: {same}");
    }
}
