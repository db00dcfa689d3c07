//! memmap2: file-backed maps (read-only and mutable, flush), anonymous maps, protection changes.
use memmap2::{Mmap, MmapMut, MmapOptions};
use std::fs::OpenOptions;
use std::io::Write;

fn main() {
    let path = std::env::temp_dir().join(format!("memmap2-probe-{}", std::process::id()));
    {
        let mut f = std::fs::File::create(&path).unwrap();
        f.write_all(b"0123456789abcdef").unwrap();
    }
    let f = OpenOptions::new().read(true).write(true).open(&path).unwrap();
    let ro = unsafe { Mmap::map(&f) }.unwrap();
    println!("read-only map: {:?}", std::str::from_utf8(&ro[..]).unwrap());
    let mut rw = unsafe { MmapMut::map_mut(&f) }.unwrap();
    rw[0..4].copy_from_slice(b"ABCD");
    rw.flush().unwrap();
    println!("shared map seen through the read-only map: {:?}", std::str::from_utf8(&ro[..4]).unwrap());
    drop(rw);
    drop(ro);
    println!("file after flush: {:?}", std::fs::read_to_string(&path).unwrap());
    let part = unsafe { MmapOptions::new().offset(4096 * 0).len(8).map(&f) }.unwrap();
    println!("partial map: {:?}", std::str::from_utf8(&part[..]).unwrap());

    let mut anon = MmapMut::map_anon(1 << 20).unwrap();
    anon[12345] = 42;
    let sum: u64 = anon.iter().map(|&b| b as u64).sum();
    println!("anonymous map: len {}, sum {}", anon.len(), sum);
    let ro = anon.make_read_only().unwrap();
    println!("made read-only: {}", ro[12345]);
    let mut rw = ro.make_mut().unwrap();
    rw[0] = 1;
    println!("writable again: {}", rw[0]);
    std::fs::remove_file(&path).unwrap();
    println!("done");
}
