//! Files on Astra through std: create, write, read, seek, append, metadata, read_dir, copying,
//! removal, and the error kinds NotFound and AlreadyExists. Usage: fs <empty directory>.
use std::fs::{self, File, OpenOptions};
use std::io::{self, ErrorKind, Read, Seek, SeekFrom, Write};
use std::path::Path;

fn main() -> io::Result<()> {
    let base = std::env::args().nth(1).expect("usage: fs <empty directory>");
    let dir = Path::new(&base).join("astra-fs-example");
    fs::create_dir(&dir)?;
    println!("created a directory: {}", dir.is_dir());

    let path = dir.join("notes.txt");
    let mut file = File::create(&path)?;
    file.write_all(b"hello, astra\n")?;
    writeln!(file, "second line, number {}", 2)?;
    drop(file);
    let text = fs::read_to_string(&path)?;
    print!("read back {} bytes:\n{}", text.len(), text);

    let mut file = OpenOptions::new().read(true).write(true).open(&path)?;
    file.seek(SeekFrom::Start(7))?;
    let mut word = [0u8; 5];
    file.read_exact(&mut word)?;
    println!("bytes 7..12: {:?}", std::str::from_utf8(&word).unwrap());
    let end = file.seek(SeekFrom::End(0))?;
    println!("end offset: {end}");
    file.seek(SeekFrom::Current(-15))?;
    file.write_all(b"LINE")?;
    println!("position after overwrite: {}", file.stream_position()?);
    drop(file);
    let mut log = OpenOptions::new().append(true).open(&path)?;
    log.write_all(b"appended\n")?;
    drop(log);
    print!("now:\n{}", fs::read_to_string(&path)?);

    let meta = fs::metadata(&path)?;
    println!(
        "metadata: file={} dir={} symlink={} len={} readonly={}",
        meta.is_file(),
        meta.is_dir(),
        meta.file_type().is_symlink(),
        meta.len(),
        meta.permissions().readonly()
    );
    let age = meta.modified()?.elapsed().unwrap_or_default();
    println!("modified in the last minute: {}", age.as_secs() < 60);
    println!("directory metadata says dir: {}", fs::metadata(&dir)?.is_dir());

    for i in 0..5usize {
        fs::write(dir.join(format!("file{i}.dat")), vec![i as u8; i * 1000])?;
    }
    fs::create_dir(dir.join("sub"))?;
    // fs::copy itself ends with File::set_permissions, which std's Hermit backend refuses.
    let copied = io::copy(&mut File::open(dir.join("file4.dat"))?, &mut File::create(dir.join("copy.dat"))?)?;
    println!("copied {copied} bytes, same content: {}", fs::read(dir.join("copy.dat"))? == vec![4u8; 4000]);
    let mut entries: Vec<(String, bool, u64)> = fs::read_dir(&dir)?
        .map(|e| {
            let e = e.expect("entry");
            let is_dir = e.file_type().expect("type").is_dir();
            let len = if is_dir { 0 } else { e.metadata().expect("metadata").len() };
            (e.file_name().into_string().expect("utf-8"), is_dir, len)
        })
        .collect();
    entries.sort();
    println!("{} entries:", entries.len());
    for (name, is_dir, len) in &entries {
        println!("  {name:<10} dir={is_dir:<5} len={len}");
    }

    let kind = |r: io::Result<()>| r.err().map(|e| e.kind());
    println!("open a missing file: {:?}", File::open(dir.join("missing")).err().map(|e| e.kind()));
    println!("create an existing directory: {:?}", kind(fs::create_dir(&dir)));
    println!(
        "create_new over an existing file: {:?}",
        OpenOptions::new().write(true).create_new(true).open(&path).err().map(|e| e.kind())
    );
    println!("remove a missing file: {:?}", kind(fs::remove_file(dir.join("missing"))));
    println!("metadata of a missing path: {:?}", fs::metadata(dir.join("nope")).err().map(|e| e.kind()));
    println!("NotFound is NotFound: {}", File::open(dir.join("missing")).unwrap_err().kind() == ErrorKind::NotFound);
    println!("removing a non-empty directory fails: {}", fs::remove_dir(&dir).is_err());

    for (name, is_dir, _) in &entries {
        if *is_dir {
            fs::remove_dir(dir.join(name))?;
        } else {
            fs::remove_file(dir.join(name))?;
        }
    }
    println!("notes.txt exists after removal: {}", path.exists());
    fs::remove_dir(&dir)?;
    println!("directory exists after removal: {}", dir.exists());
    Ok(())
}
