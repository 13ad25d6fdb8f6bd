/*
 * Reference outputs for packages/core/src/random (trialstat), written from the published algorithms:
 *
 *  - xoshiro128** 1.1 and SplitMix64: D. Blackman and S. Vigna, "Scrambled linear pseudorandom number
 *    generators", ACM Trans. Math. Softw. 47(4), 2021 (preprint 2018), and the authors' public-domain
 *    reference code at https://prng.di.unimi.it/ (xoshiro128starstar.c, splitmix64.c).
 *  - FNV-1a 64: G. Fowler, L. C. Noll, K.-P. Vo, D. Eastlake, "The FNV non-cryptographic hash
 *    algorithm", IETF draft-eastlake-fnv.
 *  - Bounded integers: D. Lemire, "Fast random integer generation in an interval", ACM TOMACS 29(1), 2019.
 *  - Shuffle: Fisher–Yates in Durstenfeld's form (Knuth, TAOCP vol. 2, Algorithm 3.4.2 P).
 *
 * The stream derivation (seed, purpose, index) → state is trialstat's own and is written out here a
 * second time, in C with native 64-bit arithmetic, so that the TypeScript (BigInt) version is checked
 * against an independent implementation. Run test/random/reference.sh to rebuild reference.json.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- xoshiro128** 1.1 (Blackman & Vigna) */
static inline uint32_t rotl(const uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

typedef struct { uint32_t s[4]; } xoshiro128;

static uint32_t xoshiro128_next(xoshiro128 *g) {
  uint32_t *s = g->s;
  const uint32_t result = rotl(s[1] * 5, 7) * 9;
  const uint32_t t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return result;
}

/* ---- SplitMix64 (Steele, Lea & Flood 2014; Vigna's splitmix64.c) */
static uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
static uint64_t splitmix64_next(uint64_t *x) { return mix64(*x += 0x9e3779b97f4a7c15ULL); }

/* ---- FNV-1a, 64 bits, over the bytes of a UTF-8 string */
static uint64_t fnv1a64(const char *text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
    h ^= *p;
    h *= 0x100000001b3ULL;
  }
  return h;
}

/* ---- trialstat's streams: key = mix64(mix64(seed ^ mix64(fnv1a64(purpose))) ^ mix64(index)); the
   state is two SplitMix64 outputs from the key, each split low word first. */
static xoshiro128 stream(uint64_t seed, const char *purpose, uint64_t index) {
  uint64_t key = mix64(mix64(seed ^ mix64(fnv1a64(purpose))) ^ mix64(index));
  uint64_t a = splitmix64_next(&key);
  uint64_t b = splitmix64_next(&key);
  xoshiro128 g = {{(uint32_t)a, (uint32_t)(a >> 32), (uint32_t)b, (uint32_t)(b >> 32)}};
  return g;
}

/* ---- draws */
/* 53 random bits: the top 27 of the first output, then the top 26 of the second (uniform = k / 2^53). */
static uint64_t bits53(xoshiro128 *g) {
  uint64_t a = xoshiro128_next(g) >> 5, b = xoshiro128_next(g) >> 6;
  return (a << 26) | b;
}
/* 52 random bits, one output's top 20 then the next output's 32 (uniformOpen, and the normal, use (k + 1/2) / 2^52). */
static uint64_t bits52(xoshiro128 *g) {
  uint64_t a = xoshiro128_next(g) >> 12, b = xoshiro128_next(g);
  return (a << 32) | b;
}
/* Lemire's nearly divisionless method, n in [1, 2^32]. */
static uint32_t bounded(xoshiro128 *g, uint64_t n) {
  uint64_t m = (uint64_t)xoshiro128_next(g) * n;
  uint32_t low = (uint32_t)m;
  if (low < n) {
    uint32_t threshold = (uint32_t)((UINT64_C(1) << 32) % n);
    while (low < threshold) {
      m = (uint64_t)xoshiro128_next(g) * n;
      low = (uint32_t)m;
    }
  }
  return (uint32_t)(m >> 32);
}

static void print_words(const char *name, const uint32_t *w, int n) {
  printf("\"%s\": [", name);
  for (int i = 0; i < n; i++) printf("%s%" PRIu32, i ? ", " : "", w[i]);
  printf("]");
}

int main(void) {
  printf("{\n  \"note\": \"Made by test/random/reference.sh from test/random/reference.c (gcc); do not edit.\",\n");

  /* 1. xoshiro128** from given states: the algorithm alone. */
  const uint32_t states[][4] = {{1, 2, 3, 4}, {0x9e3779b9u, 0x243f6a88u, 0xb7e15162u, 0xdeadbeefu}, {0, 0, 0, 1}, {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}};
  printf("  \"xoshiro128starstar\": [\n");
  for (int c = 0; c < 4; c++) {
    xoshiro128 g = {{states[c][0], states[c][1], states[c][2], states[c][3]}};
    uint32_t out[16];
    for (int i = 0; i < 16; i++) out[i] = xoshiro128_next(&g);
    printf("    { ");
    print_words("state", states[c], 4);
    printf(", ");
    print_words("outputs", out, 16);
    printf(" }%s\n", c < 3 ? "," : "");
  }
  printf("  ],\n");

  /* 2. SplitMix64 from given seeds (64-bit values as hexadecimal strings). */
  const uint64_t seeds[] = {0, 1, 42, 20240101, 9007199254740991ULL, 12345678901234ULL};
  const int nseeds = sizeof seeds / sizeof *seeds;
  printf("  \"splitmix64\": [\n");
  for (int c = 0; c < nseeds; c++) {
    uint64_t x = seeds[c];
    printf("    { \"seed\": %" PRIu64 ", \"outputs\": [", seeds[c]);
    for (int i = 0; i < 5; i++) printf("%s\"%016" PRIx64 "\"", i ? ", " : "", splitmix64_next(&x));
    printf("] }%s\n", c < nseeds - 1 ? "," : "");
  }
  printf("  ],\n");

  /* 3. FNV-1a 64 of purposes (including non-ASCII text, hashed as UTF-8). */
  const char *purposes[] = {"bootstrap", "randomisation-inference", "wild-bootstrap", "monte-carlo", "a", "\xc3\xa9t\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x8e\xb2"};
  const int npurposes = sizeof purposes / sizeof *purposes;
  printf("  \"fnv1a64\": [\n");
  for (int c = 0; c < npurposes; c++) printf("    { \"text\": \"%s\", \"hash\": \"%016" PRIx64 "\" }%s\n", purposes[c], fnv1a64(purposes[c]), c < npurposes - 1 ? "," : "");
  printf("  ],\n");

  /* 4. Streams and the draws from them. */
  const uint64_t indices[] = {0, 1, 2, 1000, 4294967301ULL, 9007199254740991ULL};
  const int nindices = sizeof indices / sizeof *indices;
  const uint64_t bounds[] = {1, 2, 6, 10, 1000003, 3221225472ULL, 4294967295ULL, 4294967296ULL};
  const int nbounds = sizeof bounds / sizeof *bounds;
  printf("  \"streams\": [\n");
  int first = 1;
  for (int si = 0; si < nseeds; si++)
    for (int pi = 0; pi < npurposes; pi++)
      for (int ii = 0; ii < nindices; ii++) {
        /* every purpose and index for two seeds; the rest on a diagonal, to keep the file small */
        if (!(si < 2 || (pi == si % npurposes && ii == si % nindices))) continue;
        xoshiro128 g = stream(seeds[si], purposes[pi], indices[ii]);
        printf("%s    { \"seed\": %" PRIu64 ", \"purpose\": \"%s\", \"index\": %" PRIu64 ", ", first ? "" : ",\n", seeds[si], purposes[pi], indices[ii]);
        first = 0;
        print_words("state", g.s, 4);
        uint32_t out[8];
        for (int i = 0; i < 8; i++) out[i] = xoshiro128_next(&g);
        printf(", ");
        print_words("outputs", out, 8);
        printf(", \"bits53\": [");
        for (int i = 0; i < 4; i++) printf("%s%" PRIu64, i ? ", " : "", bits53(&g));
        printf("], \"bits52\": [");
        for (int i = 0; i < 4; i++) printf("%s%" PRIu64, i ? ", " : "", bits52(&g));
        printf("], \"bounded\": [");
        for (int b = 0; b < nbounds; b++) {
          printf("%s{ \"n\": %" PRIu64 ", \"values\": [", b ? ", " : "", bounds[b]);
          for (int i = 0; i < 6; i++) printf("%s%" PRIu32, i ? ", " : "", bounded(&g, bounds[b]));
          printf("] }");
        }
        uint32_t deck[10];
        for (int i = 0; i < 10; i++) deck[i] = (uint32_t)i;
        for (int i = 9; i > 0; i--) {
          uint32_t j = bounded(&g, (uint64_t)i + 1);
          uint32_t t = deck[i];
          deck[i] = deck[j];
          deck[j] = t;
        }
        printf("], ");
        print_words("shuffle10", deck, 10);
        printf(" }");
      }
  printf("\n  ]\n}\n");
  return 0;
}
