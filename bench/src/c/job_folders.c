/*
 * The floor of a job's creation on this machine's disk and cores (docs/benchmarks.md, "HTTP API"): the files of
 * JobSubmission (job_spec.json, inputs/blueprint.json, outputs/policy_bundle_ref.json, events.jsonl in a temporary
 * folder, renamed into place), with the fsyncs the store makes (each file, each folder, the root) or none, from
 * THREADS writers, and nothing else: no JVM, HTTP, JSON or validation.
 * usage: job_folders ROOT THREADS JOBS_PER_THREAD FSYNC(0|1)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

static const char *root;
static int per_thread;
static int forced;

static void die(const char *what, const char *path) {
  perror(path);
  fprintf(stderr, "job_folders: cannot %s %s\n", what, path);
  exit(1);
}

static void write_file(const char *path, int bytes) {
  char buf[2048];
  memset(buf, 'x', sizeof buf);
  int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);
  if (fd < 0 || write(fd, buf, bytes) != bytes || (forced && fsync(fd) != 0) || close(fd) != 0) {
    die("write", path);
  }
}

static void sync_folder(const char *path) {
  if (!forced) {
    return;
  }
  int fd = open(path, O_RDONLY | O_DIRECTORY);
  if (fd < 0 || fsync(fd) != 0 || close(fd) != 0) {
    die("fsync", path);
  }
}

static void make_folder(const char *path) {
  if (mkdir(path, 0755) != 0) {
    die("create", path);
  }
}

static void *writer(void *arg) {
  long t = (long) arg;
  char tmp[512], p[640], job[512];
  for (int i = 0; i < per_thread; i++) {
    snprintf(tmp, sizeof tmp, "%s/.tmp-%ld-%d", root, t, i);
    make_folder(tmp);
    snprintf(p, sizeof p, "%s/inputs", tmp);
    make_folder(p);
    snprintf(p, sizeof p, "%s/outputs", tmp);
    make_folder(p);
    snprintf(p, sizeof p, "%s/job_spec.json", tmp);
    write_file(p, 1500);
    snprintf(p, sizeof p, "%s/inputs/blueprint.json", tmp);
    write_file(p, 1200);
    snprintf(p, sizeof p, "%s/outputs/policy_bundle_ref.json", tmp);
    write_file(p, 300);
    snprintf(p, sizeof p, "%s/events.jsonl", tmp);
    write_file(p, 500);
    sync_folder(tmp);
    snprintf(p, sizeof p, "%s/inputs", tmp);
    sync_folder(p);
    snprintf(p, sizeof p, "%s/outputs", tmp);
    sync_folder(p);
    snprintf(job, sizeof job, "%s/j%06ld%06d", root, t, i);
    if (rename(tmp, job) != 0) {
      die("rename", tmp);
    }
    sync_folder(root);
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: job_folders ROOT THREADS JOBS_PER_THREAD FSYNC(0|1)\n");
    return 2;
  }
  root = argv[1];
  int threads = atoi(argv[2]);
  per_thread = atoi(argv[3]);
  forced = atoi(argv[4]);
  if (threads < 1 || threads > 64 || per_thread < 1) {
    fprintf(stderr, "job_folders: THREADS 1-64, JOBS_PER_THREAD >= 1\n");
    return 2;
  }
  make_folder(root);
  struct timeval a, b;
  gettimeofday(&a, NULL);
  pthread_t ts[64];
  for (long i = 0; i < threads; i++) {
    pthread_create(&ts[i], NULL, writer, (void *) i);
  }
  for (int i = 0; i < threads; i++) {
    pthread_join(ts[i], NULL);
  }
  gettimeofday(&b, NULL);
  double seconds = (b.tv_sec - a.tv_sec) + (b.tv_usec - a.tv_usec) / 1e6;
  struct rusage r;
  getrusage(RUSAGE_SELF, &r);
  double cpu = r.ru_utime.tv_sec + r.ru_stime.tv_sec + (r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
  int jobs = threads * per_thread;
  printf("%d writers, fsync %s: %.0f jobs/s, CPU %.3f ms a job (%d jobs)\n", threads, forced ? "on" : "off",
      jobs / seconds, cpu * 1000 / jobs, jobs);
  return 0;
}
