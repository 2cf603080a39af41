#!/usr/bin/env python3
"""The search index's size for a handbook written in Chinese and Japanese.

Writes a handbook of N free pages (default 10,000) whose bodies are
sentences of CJK words drawn from a Zipf-like vocabulary (as real text is:
a few words very often, most rarely), builds it with the given teambook
binary, and prints the size and file count of `search/` beside the whole
site's. Run from the repository:

    python3 benches/scripts/cjk_index.py target/release/teambook [N]
"""
import os, random, shutil, subprocess, sys, tempfile

binary, n = os.path.abspath(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
rng = random.Random(7)
# 3,000 common Han characters and the kana, as the characters words are made of.
han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
kana = [chr(c) for c in range(0x3041, 0x3097)] + [chr(c) for c in range(0x30A1, 0x30FB)]
vocab = ["".join(rng.choice(han if rng.random() < 0.8 else kana) for _ in range(rng.choice((1, 2, 2, 2, 3, 4))))
         for _ in range(20_000)]
weights = [1 / (rank + 1) for rank in range(len(vocab))]

def sentence():
    return "".join(rng.choices(vocab, weights, k=rng.randint(8, 20))) + "。"

root = tempfile.mkdtemp(dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
try:
    pages = os.path.join(root, "pages")
    os.makedirs(pages)
    with open(os.path.join(root, "teambook.toml"), "w") as f:
        f.write('title = "团队手册"\nlanguage = "zh-CN"\n')
    for i in range(n):
        body = "\n\n".join("".join(sentence() for _ in range(rng.randint(3, 8))) for _ in range(rng.randint(2, 5)))
        with open(os.path.join(pages, f"p{i:05}.md"), "w") as f:
            f.write(f'+++\ntitle = "{sentence()[:8]}"\n+++\n{body}\n')
    out = os.path.join(root, "public")
    subprocess.run([binary, "build", root, "-o", out], check=True, stdout=subprocess.DEVNULL)
    def size(d):
        total = files = 0
        for dirpath, _, names in os.walk(d):
            for name in names:
                total += os.path.getsize(os.path.join(dirpath, name))
                files += 1
        return total, files
    src, _ = size(pages)
    idx, idx_files = size(os.path.join(out, "search"))
    site, _ = size(out)
    largest = max(os.path.getsize(os.path.join(out, "search", f)) for f in os.listdir(os.path.join(out, "search")))
    print(f"{n} pages, {src / 1e6:.1f} MB of Markdown: search index {idx / 1e6:.1f} MB in {idx_files} files "
          f"(largest {largest / 1e3:.0f} KB), site {site / 1e6:.1f} MB")
finally:
    shutil.rmtree(root)
