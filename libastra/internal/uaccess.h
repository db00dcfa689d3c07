/* Access to memory a caller handed in. libastra never dereferences an unchecked pointer of
 * the caller: where a layout must be converted, the kernel copies the bytes and reports a
 * bad address as -EFAULT (process_vm_readv/writev on the calling process). */
#ifndef ASTRA_INTERNAL_UACCESS_H
#define ASTRA_INTERNAL_UACCESS_H

#include <stddef.h>

/* 0, or -EFAULT when [src, src + n) is not readable / [dst, dst + n) not writable. */
long astra_copy_from_user(void *dst, const void *src, size_t n);
long astra_copy_to_user(void *dst, const void *src, size_t n);

/* Copies the NUL-terminated string at src into dst[cap]. Returns its length, -EFAULT, or
 * -ENAMETOOLONG when it does not fit. */
long astra_copy_string_from_user(char *dst, const char *src, size_t cap);

#endif
