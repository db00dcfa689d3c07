//! Stand-in for the part of rand 0.9 that `library/std/tests` uses: `RngCore`,
//! `SeedableRng`, `Rng::random_bool`, and `distr::Alphanumeric` with `SampleString`.
//! The tests only need random-looking values, not rand's exact streams.

/// A source of random bits.
pub trait RngCore {
    fn next_u32(&mut self) -> u32;

    fn next_u64(&mut self) -> u64 {
        let lo = self.next_u32() as u64;
        let hi = self.next_u32() as u64;
        (hi << 32) | lo
    }

    fn fill_bytes(&mut self, dst: &mut [u8]) {
        for chunk in dst.chunks_mut(4) {
            let bytes = self.next_u32().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }
}

impl<R: RngCore + ?Sized> RngCore for &mut R {
    fn next_u32(&mut self) -> u32 {
        (**self).next_u32()
    }
    fn next_u64(&mut self) -> u64 {
        (**self).next_u64()
    }
    fn fill_bytes(&mut self, dst: &mut [u8]) {
        (**self).fill_bytes(dst)
    }
}

/// A generator that can be created from a seed.
pub trait SeedableRng: Sized {
    type Seed: Sized + Default + AsMut<[u8]>;

    fn from_seed(seed: Self::Seed) -> Self;
}

/// Convenience methods on every `RngCore`.
pub trait Rng: RngCore {
    /// `true` with probability `p` (0 ≤ p ≤ 1).
    fn random_bool(&mut self, p: f64) -> bool {
        assert!((0.0..=1.0).contains(&p), "random_bool: p = {p} is not a probability");
        if p >= 1.0 {
            return true;
        }
        // p scaled to the range of a u64 (the cast saturates).
        let threshold = (p * 18_446_744_073_709_551_616.0) as u64;
        self.next_u64() < threshold
    }
}

impl<R: RngCore + ?Sized> Rng for R {}

pub mod distr {
    use super::Rng;

    /// Values of type `T` drawn with some distribution.
    pub trait Distribution<T> {
        fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> T;
    }

    /// Strings made of samples.
    pub trait SampleString {
        fn append_string<R: Rng + ?Sized>(&self, rng: &mut R, string: &mut String, len: usize);

        fn sample_string<R: Rng + ?Sized>(&self, rng: &mut R, len: usize) -> String {
            let mut s = String::with_capacity(len);
            self.append_string(rng, &mut s, len);
            s
        }
    }

    /// ASCII letters and digits, each equally likely.
    #[derive(Clone, Copy, Debug)]
    pub struct Alphanumeric;

    const CHARSET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    impl Distribution<u8> for Alphanumeric {
        fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> u8 {
            // Six random bits give 0..64; redraw 62 and 63 so every character is as likely.
            loop {
                let v = (rng.next_u32() >> 26) as usize;
                if v < CHARSET.len() {
                    return CHARSET[v];
                }
            }
        }
    }

    impl SampleString for Alphanumeric {
        fn append_string<R: Rng + ?Sized>(&self, rng: &mut R, string: &mut String, len: usize) {
            string.reserve(len);
            for _ in 0..len {
                string.push(char::from(self.sample(rng)));
            }
        }
    }
}
