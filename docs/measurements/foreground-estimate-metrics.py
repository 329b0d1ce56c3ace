import sys, os, glob, numpy as np
def load(stem, name):
    f = glob.glob(f"{stem}-{name}-*.f32")[0]
    w, h, c = map(int, f.rsplit('-', 1)[1][:-4].split('x'))
    return np.fromfile(f, dtype=np.float32).reshape(h, w, c)
def box(x, r):
    # mean over a (2r+1)^2 box, clamped at the borders (sum/count)
    def one(a, axis):
        c = np.cumsum(a, axis=axis, dtype=np.float64)
        n = a.shape[axis]
        pad = [(0, 0)] * a.ndim; pad[axis] = (1, 0)
        c = np.pad(c, pad)
        i = np.arange(n); lo = np.clip(i - r, 0, n); hi = np.clip(i + r + 1, 0, n)
        return (np.take(c, hi, axis=axis) - np.take(c, lo, axis=axis))
    return one(one(x, 0), 1)
def metrics(stem):
    A = load(stem, 'alpha')[..., 0]; F = load(stem, 'fg'); I = load(stem, 'photo')
    h, w = A.shape; r = max(3, max(h, w) // 100)
    wb = (1 - A)[..., None]; ws = (A >= 0.95).astype(np.float32)[..., None]
    nb = box(wb, r); ns = box(ws, r)
    B = box(wb * I, r) / np.maximum(nb, 1e-6); S = box(ws * I, r) / np.maximum(ns, 1e-6)
    band = (A > 0.05) & (A < 0.95)
    a = A[..., None]
    res = np.abs(a * F + (1 - a) * B - I).mean(axis=2)[band].mean() * 1000
    d = B - S; dd = (d * d).sum(axis=2)
    ok = band & (dd > 0.03 ** 2) & (nb[..., 0] > 0.05) & (ns[..., 0] > 0.05)
    t = ((F - S) * d).sum(axis=2)[ok] / dd[ok]
    wt = A[ok]
    tm = (np.clip(t, -1, 2) * wt).sum() / wt.sum()
    halo = (wt * (t > 0.5)).sum() / wt.sum()
    return dict(band=int(band.sum()), res=res, t=tm, halo=halo * 100, n=int(ok.sum()))
def points(stem):
    A = load(stem, 'alpha')[..., 0]; F = load(stem, 'fg'); I = load(stem, 'photo')
    ox, oy = map(int, open(stem + '-origin.txt').read().split())
    out = []
    for (x, y) in [(750, 1004), (770, 1010), (745, 1000), (760, 1006)]:
        u, v = x - ox, y - oy
        f = F[v, u]; i = I[v, u]
        out.append(f"({x},{y}) a {A[v,u]:.2f} I {i[0]:.3f} {i[1]:.3f} {i[2]:.3f} F {f[0]:.3f} {f[1]:.3f} {f[2]:.3f} B/R I {i[2]/i[0]:.2f} F {f[2]/f[0]:.2f}")
    return out
if __name__ == '__main__':
    d = sys.argv[1]
    for o in sorted(glob.glob(d + '/*-origin.txt')):
        stem = o[:-len('-origin.txt')]
        m = metrics(stem)
        print(f"{os.path.basename(stem)[:42]:42s} band {m['band']:8d} n {m['n']:8d} res {m['res']:6.2f} t {m['t']:6.3f} halo% {m['halo']:5.2f}")
        if 'facepaint' in stem:
            for l in points(stem): print('   ', l)
