/* Functions that older hermit-abi releases (0.1.x to 0.4.0) and some registry crates link
 * against, under the names and C signatures they declared, on top of libastra's current
 * contract (astra/astra.h). Each comment names the releases that declared the function.
 *
 * Not provided, because they cannot be written in C: the functions hermit-abi declared in
 * `extern "Rust"` blocks (0.1.16-0.1.20's sys_secure_rand32/64 returning Option, the
 * sys_tcp_stream_* / sys_tcp_listener_accept family up to 0.4.0), and 0.3.3's sys_readdir,
 * which returns a Rust enum by value. */
#ifndef ASTRA_COMPAT_H
#define ASTRA_COMPAT_H

#include <astra/astra.h>

/* ---- random numbers (hermit-abi 0.1.16-0.2.6; getrandom's Hermit backend) ---- */

/* The next number of a per-process Park-Miller "minimal standard" generator (multiplier
 * 48271, modulus 2^31 - 1), as hermit's kernel computes it: a value in [1, 2^31 - 2].
 * Seeded from the kernel's entropy on first use unless sys_srand was called. */
uint32_t sys_rand(void);
/* Restarts sys_rand's sequence from seed (a seed that is 0 modulo 2^31 - 1 acts as 1). */
void sys_srand(uint32_t seed);
/* Cryptographically secure random numbers from sys_read_entropy: 0 and *value filled, or -1
 * (null or unwritable value, no entropy). */
int32_t sys_secure_rand32(uint32_t *value);
int32_t sys_secure_rand64(uint64_t *value);

/* ---- recursive mutexes (hermit-abi 0.1.3-0.2.6) ---- */

/* sys_recmutex_init stores a new mutex in *recmutex; the others take that stored value.
 * 0 on success; -EINVAL for a null or foreign pointer, -EPERM when unlocking a mutex the
 * calling thread does not hold, -EBUSY when destroying a held one, -EAGAIN when the
 * recursion count would overflow, -ENOMEM. */
int32_t sys_recmutex_init(const void **recmutex);
int32_t sys_recmutex_destroy(const void *recmutex);
int32_t sys_recmutex_lock(const void *recmutex);
int32_t sys_recmutex_unlock(const void *recmutex);

/* ---- names that changed ---- */

/* hermit-abi 0.3.0-0.3.1: get_processor_count's link name. Same as sys_get_processor_count. */
size_t sys_processor_count(void);
/* hermit-abi 0.1.17-0.2.6: wakeup_task's link name. Same as sys_wakeup_taskt. */
void sys_wakeup_task(hermit_tid_t tid);
/* hermit-abi 0.3.0-0.3.4: poll's link name. Same as sys_poll. */
int32_t sys_pool(struct hermit_pollfd *fds, hermit_nfds_t nfds, int32_t timeout);
/* hermit-abi 0.3.0-0.3.9: sem_timedwait's link name, with that release's arguments: the
 * semaphore itself (the value sys_sem_init stored, not the slot) and a relative limit in
 * milliseconds, 0 meaning no limit. 0, -ETIME on timeout, -EINVAL for a bad semaphore. */
int32_t sys_timedwait(const void *sem, uint32_t ms);

#endif
