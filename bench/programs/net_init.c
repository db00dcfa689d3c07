/* /init of the Linux guest in bench/net.py: loads the virtio-net driver's modules (Debian
 * builds them as modules), gives eth0 QEMU's user-network address 10.0.2.15/24, brings lo
 * and eth0 up and executes the benchmark program named by its arguments. Static glibc. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *const modules[] = {
    "virtio_ring", "virtio", "virtio_pci_legacy_dev", "virtio_pci_modern_dev", "virtio_pci",
    "failover", "net_failover", "virtio_net",
};

static int set_addr(int s, const char *ifname, unsigned long request, const char *ip)
{
    struct ifreq r;
    memset(&r, 0, sizeof r);
    strncpy(r.ifr_name, ifname, IFNAMSIZ - 1);
    struct sockaddr_in *a = (struct sockaddr_in *)&r.ifr_addr;
    a->sin_family = AF_INET;
    inet_aton(ip, &a->sin_addr);
    return ioctl(s, request, &r);
}

static int up(int s, const char *ifname)
{
    struct ifreq r;
    memset(&r, 0, sizeof r);
    strncpy(r.ifr_name, ifname, IFNAMSIZ - 1);
    if (ioctl(s, SIOCGIFFLAGS, &r))
        return -1;
    r.ifr_flags |= IFF_UP | IFF_RUNNING;
    return ioctl(s, SIOCSIFFLAGS, &r);
}

int main(int argc, char **argv)
{
    char path[64];
    for (size_t i = 0; i < sizeof modules / sizeof *modules; i++) {
        snprintf(path, sizeof path, "/m/%s.ko", modules[i]);
        int fd = open(path, O_RDONLY);
        if (fd < 0 || syscall(SYS_finit_module, fd, "", 0)) {
            perror(path);
            return 1;
        }
        close(fd);
    }
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    int tries = 0;
    while (up(s, "eth0") && tries++ < 500)
        usleep(10000);
    if (up(s, "lo") || set_addr(s, "eth0", SIOCSIFADDR, "10.0.2.15") ||
        set_addr(s, "eth0", SIOCSIFNETMASK, "255.255.255.0") || up(s, "eth0")) {
        perror("configuring eth0");
        return 1;
    }
    if (argc < 2) {
        fprintf(stderr, "net_init: no program to run\n");
        return 1;
    }
    execv(argv[1], argv + 1);
    perror(argv[1]);
    return 1;
}
