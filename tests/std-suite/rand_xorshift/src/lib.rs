//! Stand-in for rand_xorshift 0.4: `XorShiftRng`, Marsaglia's xorshift128 generator
//! (four 32-bit words of state), seeded from 16 bytes.

use rand::{RngCore, SeedableRng};

#[derive(Clone, Debug)]
pub struct XorShiftRng {
    x: u32,
    y: u32,
    z: u32,
    w: u32,
}

impl RngCore for XorShiftRng {
    fn next_u32(&mut self) -> u32 {
        let t = self.x ^ (self.x << 11);
        self.x = self.y;
        self.y = self.z;
        self.z = self.w;
        self.w = self.w ^ (self.w >> 19) ^ (t ^ (t >> 8));
        self.w
    }
}

impl SeedableRng for XorShiftRng {
    type Seed = [u8; 16];

    fn from_seed(seed: [u8; 16]) -> Self {
        let word = |i: usize| u32::from_le_bytes([seed[i], seed[i + 1], seed[i + 2], seed[i + 3]]);
        let (x, y, z, w) = (word(0), word(4), word(8), word(12));
        if x | y | z | w == 0 {
            // An all-zero state would only ever produce zeros.
            return XorShiftRng { x: 0x0bad_5eed, y: 0x0bad_5eed, z: 0x0bad_5eed, w: 0x0bad_5eed };
        }
        XorShiftRng { x, y, z, w }
    }
}
