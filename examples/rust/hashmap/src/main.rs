//! Collections with randomly seeded hashers on Astra: std's RandomState draws its keys from
//! sys_read_entropy. The keys and hashes differ on every run; what is printed does not.
use std::collections::hash_map::RandomState;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};

fn random_u64(state: &RandomState, i: u64) -> u64 {
    let mut h = state.build_hasher();
    h.write_u64(i);
    h.finish()
}

fn main() {
    let (s1, s2) = (RandomState::new(), RandomState::new());
    let differ = (0..8).any(|i| random_u64(&s1, i) != random_u64(&s2, i));
    println!("two RandomStates hash differently: {differ}");

    let seed = RandomState::new();
    let keys: Vec<u64> = (0..20_000).map(|i| random_u64(&seed, i)).collect();
    let mut map: HashMap<u64, u64> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        map.insert(*k, i as u64);
    }
    println!("inserted 20000 random keys, len {}", map.len());
    println!("every key maps to its index: {}", keys.iter().enumerate().all(|(i, k)| map[k] == i as u64));
    for k in keys.iter().step_by(2) {
        map.remove(k);
    }
    println!("after removing every other key: len {}, sum of values {}", map.len(), map.values().sum::<u64>());
    map.shrink_to_fit();
    println!("capacity after shrink_to_fit holds them: {}", map.capacity() >= map.len());

    let text = "it was the best of times it was the worst of times it was the age of wisdom";
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for w in text.split_whitespace() {
        *counts.entry(w).or_insert(0) += 1;
    }
    let sorted: BTreeMap<_, _> = counts.into_iter().collect();
    println!("word counts: {sorted:?}");

    let a: HashSet<u32> = (0..100).filter(|n| n % 2 == 0).collect();
    let b: HashSet<u32> = (0..100).filter(|n| n % 3 == 0).collect();
    let mut both: Vec<_> = a.intersection(&b).copied().collect();
    both.sort();
    println!("multiples of 6 below 100: {both:?}");
    println!("union has {} elements, symmetric difference {}", a.union(&b).count(), a.symmetric_difference(&b).count());

    let mut nested: HashMap<String, Vec<String>> = HashMap::new();
    for (i, word) in text.split_whitespace().enumerate() {
        nested.entry(format!("len{}", word.len())).or_default().push(format!("{i}:{word}"));
    }
    let mut groups: Vec<_> = nested.iter().map(|(k, v)| (k.clone(), v.len())).collect();
    groups.sort();
    println!("words grouped by length: {groups:?}");
}
