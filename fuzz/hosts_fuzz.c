/* libastra's /etc/hosts and /etc/services readers (libastra/net/resolve.c) on hostile files:
 * the input's first line is the name looked up, the rest the file (read through a memfd, with
 * the readers' own system calls). Results respect the caller's limits and filters. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../libastra/internal/net.h"

static void require(int ok)
{
    if (!ok)
        __builtin_trap();
}

static int file_fd = -1;
static char file_path[64];

static void set_file(const uint8_t *data, size_t size)
{
    if (file_fd < 0) {
        file_fd = memfd_create("fuzz-config", 0);
        require(file_fd >= 0);
        snprintf(file_path, sizeof file_path, "/proc/self/fd/%d", file_fd);
    }
    require(ftruncate(file_fd, 0) == 0);
    require(pwrite(file_fd, data, size, 0) == (ssize_t)size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t name_len = nl ? (size_t)(nl - data) : size;
    char *name = malloc(name_len + 1);
    memcpy(name, data, name_len);
    name[name_len] = 0;
    const uint8_t *file = nl ? nl + 1 : data + size;
    set_file(file, (size_t)(data + size - file));

    static const int families[] = { ASTRA_AF_UNSPEC, ASTRA_AF_INET, ASTRA_AF_INET6 };
    int family = families[name_len % 3], max = 1 + (int)(name_len % 4);
    struct astra_host_addr out[5];
    memset(out, 0x5a, sizeof out);
    char canon[16];
    size_t canon_size = 1 + name_len % sizeof canon;
    int n = astra_hosts_lookup(file_path, name, family, out, max, canon, canon_size);
    require(n >= 0 && n <= max);
    for (int i = 0; i < n; i++) {
        require(out[i].family == ASTRA_AF_INET || out[i].family == ASTRA_AF_INET6);
        require(family == ASTRA_AF_UNSPEC || out[i].family == family);
    }
    require(out[max].family == 0x5a5a5a5a); /* nothing written past max */
    if (n)
        require(strnlen(canon, canon_size) < canon_size);

    int port = astra_services_lookup(file_path, name, name_len % 2 ? "tcp" : "udp");
    require(port >= -1 && port <= 65535);
    free(name);
    return 0;
}
