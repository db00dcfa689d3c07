//! Function names for backtraces on Astra (std's Hermit backend, `target_vendor = "astra"`),
//! from the running program's ELF symbol table.
//!
//! std's usual symbolizer (`gimli.rs`: addr2line, gimli, object, miniz_oxide) reads DWARF for
//! file:line and adds about 215 KB to every executable. This one only names functions, which
//! is what a release build can show anyway. On first use it reads a few pieces of the
//! program's file, `/proc/self/exe` (the link `current_exe` reads, on Linux and on the Astra
//! kernel): the ELF header, the program and section headers, `.symtab` and its string table,
//! through libastra's `sys_*` calls (`std::fs` would add its own code to every program that
//! can panic). It keeps the defined function symbols sorted by address and answers an
//! address with the function that contains it. A stripped program has no `.symtab` and so
//! gets no names, as with gimli.
//!
//! An Astra program is one static executable, so there is one image; its load bias and its
//! program headers come from libastra's `dl_iterate_phdr` (the bias is 0 for the non-PIE
//! executables Astra links), and the file is used only if its program headers are the ones
//! in memory, i.e. it is the program that runs.
//!
//! Every offset, size and count read from the file is checked: a malformed file gives no
//! names, never a panic (this runs inside the panic hook, where a panic aborts).
//!
//! `symbolize/mod.rs` selects this module on Astra unless std is built with
//! `--cfg astra_backtrace_dwarf` (`ASTRA_BACKTRACE=dwarf rust-target/build-sysroot`), which
//! selects gimli and file:line instead.

use super::{BytesOrWideString, ResolveWhat, SymbolName};
use core::cmp::Reverse;
use core::ffi::{c_char, c_int, c_void};
use mystd::os::hermit::hermit_abi as abi;
use mystd::prelude::v1::*;

#[cfg(backtrace_in_libstd)]
mod mystd {
    pub use crate::*;
}
#[cfg(not(backtrace_in_libstd))]
extern crate std as mystd;

/// The ELF magic, ELFCLASS64 (2) and ELFDATA2LSB (1).
const ELF_IDENT: &[u8; 6] = b"\x7fELF\x02\x01";
const EHDR_SIZE: u64 = 64;
const PHDR_SIZE: u16 = 56;
const SHDR_SIZE: u64 = 64;
const SYM_SIZE: u64 = 24;
const SHT_SYMTAB: u32 = 2;
const SHT_STRTAB: u32 = 3;
const STT_FUNC: u8 = 2;
const SHN_UNDEF: u16 = 0;

/// A function: its stated address range in the file and its name in the string table.
struct Function {
    start: u64,
    end: u64,
    name: u32,
    len: u32,
}

/// The program's functions, sorted by `sort`.
#[derive(Default)]
struct Table {
    bias: usize,
    functions: Vec<Function>,
    names: Vec<u8>,
}

impl Table {
    /// The name and start address of the function containing `addr` (a run-time address):
    /// the last one that starts at or below it.
    fn lookup(&self, addr: usize) -> Option<(&[u8], usize)> {
        let svma = addr.wrapping_sub(self.bias) as u64;
        let i = self.functions.partition_point(|f| f.start <= svma).checked_sub(1)?;
        let f = self.functions.get(i)?;
        if svma >= f.end {
            return None;
        }
        let from = f.name as usize;
        let name = self.names.get(from..from.checked_add(f.len as usize)?)?;
        Some((name, (f.start as usize).wrapping_add(self.bias)))
    }
}

/// The one table, read on first use. Only touched under the backtrace lock, which every
/// caller of `resolve` and `clear_symbol_cache` holds (std's and this crate's `lock`).
static mut TABLE: Option<Table> = None;

unsafe fn table() -> &'static Table {
    // SAFETY: the caller holds the backtrace lock, so nothing else touches TABLE.
    unsafe { (*(&raw mut TABLE)).get_or_insert_with(|| load().unwrap_or_default()) }
}

pub unsafe fn clear_symbol_cache() {
    // SAFETY: as for `table`; no `Symbol` borrowed from the table outlives `resolve`.
    unsafe { *(&raw mut TABLE) = None }
}

#[cfg_attr(backtrace_in_libstd, optimize(size))]
pub unsafe fn resolve(what: ResolveWhat<'_>, cb: &mut dyn FnMut(&super::Symbol)) {
    // The caller's address, less one for a return address, as gimli.rs looks it up.
    let addr = what.address_or_ip() as usize;
    // SAFETY: the caller holds the backtrace lock. The 'static names are only lent to `cb`
    // for this call, and the table is only dropped by `clear_symbol_cache`, under the lock.
    let table = unsafe { table() };
    if let Some((name, start)) = table.lookup(addr) {
        let inner = Symbol { name, addr: start as *mut c_void };
        cb(&super::Symbol { inner });
    }
}

pub struct Symbol<'a> {
    name: &'a [u8],
    addr: *mut c_void,
}

impl Symbol<'_> {
    pub fn name(&self) -> Option<SymbolName<'_>> {
        Some(SymbolName::new(self.name))
    }

    /// The function's start address.
    pub fn addr(&self) -> Option<*mut c_void> {
        Some(self.addr)
    }

    pub fn filename_raw(&self) -> Option<BytesOrWideString<'_>> {
        None
    }

    #[cfg(feature = "std")]
    pub fn filename(&self) -> Option<&::std::path::Path> {
        None
    }

    pub fn lineno(&self) -> Option<u32> {
        None
    }

    pub fn colno(&self) -> Option<u32> {
        None
    }
}

/// The running program as libastra reports it: load bias and program headers.
struct Program {
    bias: usize,
    headers: *const u8,
    count: u16,
}

/// The leading fields of `struct dl_phdr_info` (glibc's layout; libastra/include/astra/dl.h).
#[repr(C)]
struct PhdrInfo {
    bias: usize,
    name: *const c_char,
    headers: *const u8,
    count: u16,
}

unsafe extern "C" {
    fn dl_iterate_phdr(
        callback: unsafe extern "C" fn(*mut PhdrInfo, usize, *mut c_void) -> c_int,
        data: *mut c_void,
    ) -> c_int;
}

/// `dl_iterate_phdr`'s callback: records the program (the first object reported) in the
/// `Program` that `data` points to, and stops there.
unsafe extern "C" fn note_program(info: *mut PhdrInfo, _size: usize, data: *mut c_void) -> c_int {
    // SAFETY: libastra passes a valid `dl_phdr_info` (or null) and the `data` that `program`
    // handed to `dl_iterate_phdr`.
    let (info, program) = unsafe { (info.as_ref(), &mut *data.cast::<Program>()) };
    if let Some(info) = info {
        program.bias = info.bias;
        program.headers = info.headers;
        program.count = info.count;
    }
    1
}

fn program() -> Program {
    let mut program = Program { bias: 0, headers: core::ptr::null(), count: 0 };
    // SAFETY: `note_program` only writes through `data`, which is `program`.
    unsafe { dl_iterate_phdr(note_program, (&raw mut program).cast()) };
    program
}

/// `N` bytes of `bytes` at `at`, if there are that many.
fn field<const N: usize>(bytes: &[u8], at: u64) -> Option<[u8; N]> {
    bytes.get(usize::try_from(at).ok()?..)?.first_chunk::<N>().copied()
}

fn u16_at(bytes: &[u8], at: u64) -> Option<u16> {
    field(bytes, at).map(u16::from_le_bytes)
}

fn u32_at(bytes: &[u8], at: u64) -> Option<u32> {
    field(bytes, at).map(u32::from_le_bytes)
}

fn u64_at(bytes: &[u8], at: u64) -> Option<u64> {
    field(bytes, at).map(u64::from_le_bytes)
}

/// The program's file, open for reading.
struct Exe {
    fd: i32,
    len: u64,
}

impl Exe {
    fn open() -> Option<Exe> {
        // SAFETY: a NUL-terminated path; the descriptor is closed by `drop`.
        let fd = unsafe { abi::open(c"/proc/self/exe".as_ptr(), abi::O_RDONLY, 0) };
        if fd < 0 {
            return None;
        }
        let mut exe = Exe { fd, len: 0 }; // closed on every return from here
        // SAFETY: a plain call on the descriptor just opened.
        exe.len = u64::try_from(unsafe { abi::lseek(fd, 0, abi::SEEK_END) }).ok()?;
        Some(exe)
    }

    /// `len` bytes at `offset`, if the file has them (its length bounds every read, so a
    /// malformed size never asks for more memory than the file holds).
    fn read_at(&self, offset: u64, len: u64) -> Option<Vec<u8>> {
        if offset.checked_add(len)? > self.len {
            return None;
        }
        let len = usize::try_from(len).ok()?;
        let mut bytes = Vec::new();
        bytes.try_reserve_exact(len).ok()?;
        bytes.resize(len, 0);
        // SAFETY: reads into `bytes`, never past its length.
        unsafe {
            if abi::lseek(self.fd, isize::try_from(offset).ok()?, abi::SEEK_SET) < 0 {
                return None;
            }
            let mut done = 0;
            while let Some(rest) = bytes.get_mut(done..).filter(|rest| !rest.is_empty()) {
                let n = abi::read(self.fd, rest.as_mut_ptr(), rest.len());
                done += usize::try_from(n).ok().filter(|&n| n > 0)?;
            }
        }
        Some(bytes)
    }
}

impl Drop for Exe {
    fn drop(&mut self) {
        // SAFETY: the descriptor `open` returned, closed once.
        unsafe { abi::close(self.fd) };
    }
}

/// A section header: (type, offset, size, link, entry size).
fn section(headers: &[u8], index: u64) -> Option<(u32, u64, u64, u32, u64)> {
    let at = index.checked_mul(SHDR_SIZE)?;
    let header = headers.get(usize::try_from(at).ok()?..)?;
    Some((
        u32_at(header, 4)?,
        u64_at(header, 0x18)?,
        u64_at(header, 0x20)?,
        u32_at(header, 0x28)?,
        u64_at(header, 0x38)?,
    ))
}

/// The running program's function symbols; `None` if anything is missing or malformed.
/// Runs once: optimized for size, as gimli.rs's cache set-up is.
#[cfg_attr(backtrace_in_libstd, optimize(size))]
fn load() -> Option<Table> {
    read_table(&Exe::open()?, &program())
}

/// The function symbols of `file`, which must have the program headers of `program` if it
/// reports any.
#[cfg_attr(backtrace_in_libstd, optimize(size))]
fn read_table(file: &Exe, program: &Program) -> Option<Table> {
    let ehdr = file.read_at(0, EHDR_SIZE)?;
    if ehdr.get(..6)? != ELF_IDENT {
        return None;
    }
    let phoff = u64_at(&ehdr, 0x20)?;
    let shoff = u64_at(&ehdr, 0x28)?;
    let phentsize = u16_at(&ehdr, 0x36)?;
    let phnum = u16_at(&ehdr, 0x38)?;
    let shentsize = u16_at(&ehdr, 0x3a)?;
    // 0 sections here would mean ELF's extended numbering (more than 0xff00 sections, which
    // a linked program does not have): no names then.
    let shnum = u64::from(u16_at(&ehdr, 0x3c)?);
    if shoff == 0 || shnum == 0 || u64::from(shentsize) != SHDR_SIZE {
        return None;
    }

    // The file must be the program that runs: the same program headers as in memory.
    if !program.headers.is_null() {
        let len = usize::from(program.count) * usize::from(PHDR_SIZE);
        if phnum != program.count || phentsize != PHDR_SIZE {
            return None;
        }
        // SAFETY: libastra's headers are the program's own, mapped for its whole life.
        let loaded = unsafe { core::slice::from_raw_parts(program.headers, len) };
        if file.read_at(phoff, len as u64)? != loaded {
            return None;
        }
    }

    let headers = file.read_at(shoff, shnum.checked_mul(SHDR_SIZE)?)?;
    let symtab = (0..shnum).find_map(|i| section(&headers, i).filter(|s| s.0 == SHT_SYMTAB))?;
    let (_, sym_offset, sym_size, strtab_index, sym_entsize) = symtab;
    let (strtab_type, str_offset, str_size, _, _) = section(&headers, u64::from(strtab_index))?;
    if sym_entsize != SYM_SIZE || strtab_type != SHT_STRTAB {
        return None;
    }
    let count = sym_size / SYM_SIZE;
    let symbols = file.read_at(sym_offset, count.checked_mul(SYM_SIZE)?)?;
    let names = file.read_at(str_offset, str_size)?;

    let mut functions = Vec::new();
    functions.try_reserve_exact(usize::try_from(count).ok()?).ok()?;
    for symbol in symbols.chunks_exact(SYM_SIZE as usize) {
        let (Some(name), Some(info), Some(section), Some(value), Some(size)) = (
            u32_at(symbol, 0),
            symbol.get(4),
            u16_at(symbol, 6),
            u64_at(symbol, 8),
            u64_at(symbol, 16),
        ) else {
            continue;
        };
        if info & 0xf != STT_FUNC || section == SHN_UNDEF || size == 0 || name == 0 {
            continue;
        }
        let Some(end) = value.checked_add(size) else { continue };
        // The name runs to its NUL, which must be inside the string table.
        let Some(len) = names
            .get(name as usize..)
            .and_then(|rest| rest.iter().position(|&b| b == 0))
            .and_then(|len| u32::try_from(len).ok())
        else {
            continue;
        };
        if len == 0 {
            continue;
        }
        if functions.len() < functions.capacity() {
            functions.push(Function { start: value, end, name, len });
        }
    }
    sort(&mut functions);
    Some(Table { bias: program.bias, functions, names })
}

/// Sorts by address, then by end, then by name offset downwards, so that of the functions at
/// one address (aliases: merged identical functions) `lookup` finds the longest, then the one
/// whose name comes first in the string table. A heapsort: a few hundred bytes of code where
/// std's sorts would add several KB to every program, and no allocation.
#[cfg_attr(backtrace_in_libstd, optimize(size))]
fn sort(v: &mut [Function]) {
    fn before(a: &Function, b: &Function) -> bool {
        (a.start, a.end, Reverse(a.name)) < (b.start, b.end, Reverse(b.name))
    }
    // Moves v[root] down the max-heap v[..end]; every index used is below `end <= v.len()`.
    fn sift_down(v: &mut [Function], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && before(&v[child], &v[child + 1]) {
                child += 1;
            }
            if !before(&v[root], &v[child]) {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    let n = v.len();
    for root in (0..n / 2).rev() {
        sift_down(v, root, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}
