//! The images to symbolize on Astra (std's Hermit backend, `target_vendor = "astra"`).
//!
//! An Astra program is one static executable: there are no shared libraries, so the only
//! image is the program itself. Its file is `std::env::current_exe()` (libastra reads the
//! `/proc/self/exe` link, on Linux and on the Astra kernel), read whole into memory by
//! `mmap_fake`; where it sits in memory comes from its PT_LOAD program headers, which
//! libastra's `dl_iterate_phdr` reports once, for the program, with its load bias (0 for
//! the non-PIE executables Astra links).

use super::mystd::env;
use super::{Library, LibrarySegment};
use alloc::vec::Vec;
use core::ffi::{c_char, c_int, c_void};

const PT_LOAD: u32 = 1;

/// An ELF64 program header.
#[repr(C)]
struct ProgramHeader {
    kind: u32,
    flags: u32,
    offset: u64,
    vaddr: u64,
    paddr: u64,
    filesz: u64,
    memsz: u64,
    align: u64,
}

/// The leading fields of `struct dl_phdr_info` (glibc's layout; libastra/include/astra/dl.h).
#[repr(C)]
struct PhdrInfo {
    bias: usize,
    name: *const c_char,
    headers: *const ProgramHeader,
    count: u16,
}

unsafe extern "C" {
    fn dl_iterate_phdr(
        callback: unsafe extern "C" fn(*mut PhdrInfo, usize, *mut c_void) -> c_int,
        data: *mut c_void,
    ) -> c_int;
}

pub(super) fn native_libraries() -> Vec<Library> {
    let mut images = Vec::new();
    let Ok(exe) = env::current_exe() else {
        return images;
    };
    let mut program = Library {
        name: exe.into_os_string(),
        segments: Vec::new(),
        bias: 0,
    };
    unsafe {
        dl_iterate_phdr(add_segments, (&raw mut program).cast());
    }
    if !program.segments.is_empty() {
        images.push(program);
    }
    images
}

/// `dl_iterate_phdr`'s callback: records the program's loaded segments in the `Library`
/// that `data` points to.
unsafe extern "C" fn add_segments(info: *mut PhdrInfo, _size: usize, data: *mut c_void) -> c_int {
    // SAFETY: libastra passes a valid `dl_phdr_info` whose headers stay mapped, and `data`
    // is the `Library` that `native_libraries` handed to `dl_iterate_phdr`.
    let (info, program) = unsafe { (&*info, &mut *data.cast::<Library>()) };
    if info.headers.is_null() {
        return 0;
    }
    let headers = unsafe { core::slice::from_raw_parts(info.headers, usize::from(info.count)) };
    program.bias = info.bias;
    for header in headers.iter().filter(|h| h.kind == PT_LOAD) {
        program.segments.push(LibrarySegment {
            stated_virtual_memory_address: header.vaddr as usize,
            len: header.memsz as usize,
        });
    }
    0
}
