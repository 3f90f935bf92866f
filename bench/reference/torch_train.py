"""PyTorch reference for Graft's training benchmark: the same models, batch and optimizer.

Prints one JSON object on stdout. Run with an interpreter that has torch (Debian: /usr/bin/python3
with python3-torch). Random inputs: throughput does not depend on the values.

Each step takes its batch from a training set of --rows rows in an order shuffled every epoch,
as a training loop does and as Graft's benchmark run does (it gathers each batch from its
training tensor): X[idx] for a slice idx of the epoch's permutation.
"""
import argparse
import json
import platform
import sys
import time


def build(model, torch):
    nn = torch.nn
    if model == "cnn":
        # 28x28x1 -> conv3x3x32 + ReLU -> pool2 -> conv3x3x64 + ReLU -> pool2 -> dense128 + ReLU -> dense10
        # 'same' padding, as Graft's cnn blocks use.
        return nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(7 * 7 * 64, 128), nn.ReLU(), nn.Linear(128, 10),
        ), (1, 28, 28)
    if model == "mlp":
        return nn.Sequential(
            nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10),
        ), (1, 28, 28)
    if model == "head":
        # Feature extraction: the frozen CNN base (conv, conv, dense128) is cached; only the head trains.
        return nn.Sequential(nn.Linear(128, 10)), (128,)
    raise SystemExit(f"unknown model {model}")


def gemm_rates(torch, shapes, repeats):
    """Single-thread matmul speed in multiply-adds per CPU-second: the ceiling any training step meets."""
    out = []
    for m, k, n in shapes:
        a, b = torch.rand(m, k), torch.rand(k, n)
        for _ in range(3):
            a @ b
        start = time.process_time()
        for _ in range(repeats):
            a @ b
        seconds = (time.process_time() - start) / repeats
        out.append({"m": m, "k": k, "n": n, "gmacPerSec": m * k * n / max(seconds, 1e-12) / 1e9})
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="cnn", choices=["cnn", "mlp", "head", "gemm"])
    parser.add_argument("--shapes", default="12544x288x64", help="gemm: m x k x n, comma-separated")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--rows", type=int, default=0, help="training rows the batches come from (default: one epoch of --steps)")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    try:
        import torch
    except ImportError as error:
        print(json.dumps({"error": f"PyTorch not found ({error}): apt-get install python3-torch"}))
        return 0
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    if args.model == "gemm":
        shapes = [tuple(int(d) for d in s.split("x")) for s in args.shapes.split(",")]
        print(json.dumps({"model": "gemm", "threads": torch.get_num_threads(), "gemm": gemm_rates(torch, shapes, args.steps)}))
        return 0
    net, shape = build(args.model, torch)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    rows = max(args.rows, args.batch) if args.rows else args.batch * args.steps
    data_x, data_y = torch.rand(rows, *shape), torch.randint(0, 10, (rows,))

    def shuffled_batches():
        while True:
            order = torch.randperm(rows)
            for at in range(0, rows, args.batch):
                idx = order[at:at + args.batch]
                yield data_x[idx], data_y[idx]

    batches = shuffled_batches()

    def step(i):
        x, y = next(batches)
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
        # Graft reads each step's loss back too (it checks for divergence).
        return loss.item()

    for i in range(args.warmup):
        step(i)
    start = time.perf_counter()
    cpu_start = time.process_time()
    for i in range(args.steps):
        step(i)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    print(json.dumps({
        "model": args.model,
        "samplesPerSec": args.steps * args.batch / seconds,
        "msPerStep": seconds * 1000 / args.steps,
        # CPU time of the process: steadier than wall time on a shared machine.
        "cpuSamplesPerSec": args.steps * args.batch / max(cpu_seconds, 1e-9),
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "python": platform.python_version(),
        "executable": sys.executable,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
