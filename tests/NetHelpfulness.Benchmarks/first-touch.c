// The cost of touching memory for the first time against touching it again (issue 17, the benchmarks README's
// "Scaling"): on the project's virtual machines the first write to each 4 KiB page of fresh memory is a fault that the
// guest and the host both serve, and it dominates the time of a process whose peak memory is large.
// Usage: gcc -O1 -o /tmp/first-touch tests/NetHelpfulness.Benchmarks/first-touch.c && /tmp/first-touch
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
  const size_t n = 1UL << 30;  // 1 GiB
  volatile char *p = malloc(n);
  if (!p) return 1;
  double t = now();
  for (size_t i = 0; i < n; i += 64) p[i] = (char)i;        // first touch: every page faults
  double first = now() - t;
  t = now();
  for (size_t i = 0; i < n; i += 64) p[i] = (char)(i + 1);  // the same pages again: resident
  double again = now() - t;
  printf("1 GiB written, a byte per cache line: first touch %.3f s, again %.3f s\n", first, again);
  return 0;
}
