# Probe for docs/measurements/cluttered-background-remnants.md, section "Sharpness cue".
# Usage: python3 cluttered-background-sharpness-probe.py PHOTO_STEM  (needs the baseline default run in /tmp/all/PHOTO_STEM/)
# Flood of "smooth" pixels (fine high-pass energy < K x background noise floor) from the sure background into
# the outline band of the professional cut-out, minus what the person core reaches through smooth pixels (alpha > AC).
# Writes /tmp/clutter/PHOTO_STEM-fl.npy (pixels the rule would clear) and prints the counts.
import sys, os, json, glob, numpy as np
from PIL import Image
from scipy import ndimage as nd
stem = sys.argv[1]; look = 'professional'
K = float(os.environ.get('K','2.0')); BAND = float(os.environ.get('BAND','40'))
photo = glob.glob(f'/work/shared/photos/dev/{stem}.*')[0]
d = json.load(open(f'/tmp/all/{stem}/sheet.json'))
h = [x for x in d['headshots'] if x['look']==look][0]
crop = [e for e in h['edits'] if e['action']=='c2pa.cropped'][0]['parameters']
ox, oy = float(crop['originX']), float(crop['originY']); th = np.radians(h['levelDegrees']); s = h['scale']
im = np.asarray(Image.open(photo).convert('RGB')).astype(np.float32)/255
L = im@np.array([0.299,0.587,0.114],np.float32)
hp = L - nd.gaussian_filter(L, 1.0); E = np.sqrt(nd.gaussian_filter(hp*hp, 1.0))*255
a = np.asarray(Image.open(h['cutout']))[...,3].astype(np.float32)/255
H, W = a.shape; yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
px = ox + s*(xx*np.cos(th) - yy*np.sin(th)); py = oy + s*(xx*np.sin(th) + yy*np.cos(th))
Eo = nd.map_coordinates(E, [py, px], order=1, cval=np.nan)
inside = np.isfinite(Eo)
core = nd.binary_erosion(a > 0.98, iterations=max(1,int(40/s)))
ref = np.nanpercentile(Eo[core], 90)
ring = nd.binary_dilation(a > 0.02, iterations=max(1,int(60/s))) & (a < 0.02) & inside
noise = np.nanmedian(Eo[ring]); gate = noise/ref
T = K*noise
smooth = (Eo < T) & inside
band = nd.binary_dilation(a < 0.5, iterations=max(1,int(BAND/s)))
lab, n = nd.label(smooth & (band | (a < 0.02)))
seedlabs = np.unique(lab[(a < 0.02) & smooth]); seedlabs = seedlabs[seedlabs>0]
fl = np.isin(lab, seedlabs) & (a > 0.02)
deep = nd.binary_erosion(a > 0.98, iterations=max(1,int(BAND/s)-3))
lab2, n2 = nd.label(smooth & (band | deep) & (a > float(os.environ.get("AC","0.5"))))
corelabs = np.unique(lab2[deep & smooth]); corelabs = corelabs[corelabs>0]
fromcore = np.isin(lab2, corelabs)
if os.environ.get('CORE','1')=='1': fl &= ~fromcore
lost = fl & (a > 0.5)
print(f'{stem[:42]:42s} s={s:.2f} ref={ref:5.1f} noise={noise:4.2f} gate={gate:.3f} T={T:4.2f} flooded a>.02: {fl.sum():6d}  a>.5: {lost.sum():6d} ({lost.sum()/max(1,(a>0.5).sum())*100:.2f}% of person)')
np.save(f'/tmp/clutter/{stem}-fl.npy', fl)
