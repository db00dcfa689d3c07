//! tempfile: anonymous and named temporary files, temporary directories, persist, cleanup.
use std::fs;
use std::io::{Read, Seek, SeekFrom, Write};

fn main() {
    // An anonymous file (O_TMPFILE or create + unlink).
    let mut f = tempfile::tempfile().expect("tempfile");
    f.write_all(b"hello temp").unwrap();
    f.seek(SeekFrom::Start(6)).unwrap();
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    println!("anonymous: {s:?}, len {}", f.metadata().unwrap().len());

    // A directory with files in it, removed on drop.
    let dir = tempfile::Builder::new().prefix("astra-test").tempdir().expect("tempdir");
    let path = dir.path().to_path_buf();
    println!("dir exists: {}, name starts with prefix: {}", path.is_dir(),
             path.file_name().unwrap().to_string_lossy().starts_with("astra-test"));
    let mut named = tempfile::NamedTempFile::new_in(&path).expect("named");
    writeln!(named, "line one").unwrap();
    let named_path = named.path().to_path_buf();
    println!("named in dir: {}, exists: {}", named_path.parent() == Some(path.as_path()), named_path.exists());
    let reopened = fs::read_to_string(&named_path).unwrap();
    println!("reopened: {reopened:?}");
    let kept = path.join("kept.txt");
    let file = named.persist(&kept).expect("persist");
    drop(file);
    println!("persisted: {}, old name gone: {}", kept.exists(), !named_path.exists());
    // A second NamedTempFile, persist_noclobber onto an existing name fails.
    let other = tempfile::NamedTempFile::new_in(&path).unwrap();
    match other.persist_noclobber(&kept) {
        Ok(_) => println!("persist_noclobber: replaced (wrong)"),
        Err(e) => println!("persist_noclobber: {:?}", e.error.kind()),
    }
    // Dropped: the temporary file is removed.
    let t = tempfile::NamedTempFile::new_in(&path).unwrap();
    let tp = t.path().to_path_buf();
    drop(t);
    println!("dropped named file removed: {}", !tp.exists());
    let mut names: Vec<_> = fs::read_dir(&path).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    println!("left in dir: {names:?}");
    dir.close().expect("close");
    println!("dir removed: {}", !path.exists());
    // spooled: in memory until it grows, then a real file.
    let mut sp = tempfile::spooled_tempfile(16);
    sp.write_all(b"0123456789").unwrap();
    sp.write_all(b"0123456789").unwrap();
    sp.seek(SeekFrom::Start(15)).unwrap();
    let mut s = String::new();
    sp.read_to_string(&mut s).unwrap();
    println!("spooled: {s:?}");
    println!("done");
}
