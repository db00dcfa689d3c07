/* The OOM killer (tests/programs/oom_probe.c as pid 1 of a small machine, never on the host):
 * a hog (one process, four threads, or a tree of workers) is ended by SIGKILL and pid 1 goes
 * on; a big idle process is ended for a small one that faults, which finishes. The probe's
 * output is what Linux's policy makes certain (the victim is the process with the largest
 * resident memory, pid 1 is spared); the Astra kernel (astra-run --memory 64M) must print
 * it, and so must a stock Linux kernel in the same QEMU (bench/linux_guest.py, 256M: Linux
 * needs more for itself) when one is installed in /boot (bench/kernel.py installs one; the
 * Linux run takes a minute or more on a busy host). The Astra console must name each
 * victim as Linux does ("Out of memory: Killed process PID (NAME) ..."). */
#include <criterion/criterion.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../support/run.h"

/* What Linux prints: checked against a Linux guest whenever one can boot. */
static const char expected[] = "== hog (pid 1)\n"
                               "hog: killed by SIGKILL\n"
                               "pid 1 touched a quarter of the free memory: done\n"
                               "== threads (pid 1)\n"
                               "hog of four threads: killed by SIGKILL\n"
                               "pid 1 touched a quarter of the free memory: done\n"
                               "== tree (pid 1)\n"
                               "tree: 3 of 3 workers killed by SIGKILL\n"
                               "the tree's root: exited with 0\n"
                               "pid 1 touched a quarter of the free memory: done\n"
                               "== idle (pid 1)\n"
                               "big child holds 60% of the free memory: yes\n"
                               "small child touching another 60%: exited with 0\n"
                               "big child: killed by SIGKILL\n"
                               "pid 1 touched a quarter of the free memory: done\n";

static char kernel_env[4200], err_env[200];

/* Runs "runner ... oom_probe ARGS" through sh, its stderr into a file; returns stdout and
 * puts the stderr's text in *err. */
static struct run_result run_probe(char *const runner[], const char *args, char **err)
{
    char path[] = "/tmp/astra-oom-err-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    close(fd);
    snprintf(err_env, sizeof err_env, "OOM_ERR=%s", path);
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    char *argv[24] = { "/bin/sh", "-c", "exec \"$0\" \"$@\" 2>\"$OOM_ERR\"" };
    int n = 3;
    for (int i = 0; runner[i]; i++)
        argv[n++] = runner[i];
    argv[n++] = (char *)test_bin("oom_probe");
    char words[64];
    snprintf(words, sizeof words, "%s", args);
    for (char *w = strtok(words, " "); w; w = strtok(NULL, " "))
        argv[n++] = w;
    argv[n] = NULL;
    char *envp[] = { kernel_env, err_env, "PATH=/usr/bin:/bin", "LANG=C", NULL };
    struct run_result r = run_program("/bin/sh", argv, envp, "");
    FILE *f = fopen(path, "r");
    static char text[1 << 16];
    size_t len = f ? fread(text, 1, sizeof text - 1, f) : 0;
    text[len] = 0;
    if (f)
        fclose(f);
    unlink(path);
    *err = text;
    return r;
}

static int count(const char *text, const char *what)
{
    int n = 0;
    for (const char *at = text; (at = strstr(at, what)); at += strlen(what))
        n++;
    return n;
}

Test(astra_oom, the_largest_process_is_ended_and_pid_1_goes_on_as_on_linux, .timeout = 600)
{
    char *astra[] = { getenv("ASTRA_RUN"), "--memory", "64M", "--timeout", "280", "--argv0", "oom_probe", NULL };
    char *err;
    struct run_result r = run_probe(astra, "hog threads tree idle", &err);
    cr_assert(r.exited && r.status == 0, "Astra: status %d\n%s\nconsole:\n%s", r.status, r.out, err);
    cr_assert_str_eq(r.out, expected, "Astra printed:\n%s\nconsole:\n%s", r.out, err);
    /* Every kill is reported as Linux reports it; two of them (the tree's workers, the big idle
     * child) are of another process than the faulting one, whose pages the reaper frees. */
    cr_assert(count(err, "astra: Out of memory: Killed process ") >= 6, "%s", err);
    cr_assert(count(err, "astra: oom_reaper: reaped process ") >= 1, "%s", err);
    cr_assert(!strstr(err, "Killed process 1 ("), "pid 1 was chosen:\n%s", err);
    cr_assert(!strstr(err, "PANIC") && !strstr(r.out, "PANIC"), "%s", err);

    glob_t g;
    int have_linux = glob("/boot/vmlinuz-*", 0, NULL, &g) == 0;
    if (have_linux)
        globfree(&g);
    if (!have_linux) {
        cr_log_warn("no Linux kernel in /boot: the probe's output was not compared with Linux's this time");
        return;
    }
    char *linux_guest[] = { getenv("ASTRA_LINUX_GUEST"), "--memory", "256M", "--timeout", "500", NULL };
    char *linux_err;
    struct run_result l = run_probe(linux_guest, "hog threads tree idle --poweroff", &linux_err);
    cr_assert(l.exited && l.status == 0, "Linux guest: status %d\n%s\n%s", l.status, l.out, linux_err);
    cr_assert_str_eq(l.out, expected, "Linux printed:\n%s\nkernel:\n%s", l.out, linux_err);
    cr_assert(strstr(linux_err, "Out of memory: Killed process "), "%s", linux_err);
}
