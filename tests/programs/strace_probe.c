/* A fixed sequence of system calls, successful and failing, for the strace test: the same
 * binary under the host's strace and under astra-run --strace must make the same calls. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char path[48], other[64], buf[32] = "";
    snprintf(path, sizeof path, "/tmp/astra-strace-%d", (int)getpid());
    snprintf(other, sizeof other, "%s.l", path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, "traced bytes\n", 13) != 13 || close(fd))
        return 1;
    struct stat st;
    if (stat(path, &st) || st.st_size != 13)
        return 9;
    fd = open(path, O_RDONLY);
    if (fd < 0 || read(fd, buf, sizeof buf - 1) != 13 || lseek(fd, 2, SEEK_SET) != 2 || close(fd))
        return 2;
    if (open("/no/such/file", O_RDONLY) != -1 || errno != ENOENT)
        return 3;
    if (close(-5) != -1 || errno != EBADF)
        return 4;
    if (mkdir("/tmp", 0755) != -1 || errno != EEXIST)
        return 5;
    if (link(path, other) || link(path, other) != -1 || errno != EEXIST || unlink(other))
        return 6;
    if (unlink(path))
        return 8;
    const char msg[] = "done\n";
    write(1, msg, strlen(msg));
    return 7;
}
