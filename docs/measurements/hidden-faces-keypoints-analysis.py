# Analysis of the KeypointGeometryProbe output (docs/measurements/hidden-faces-keypoints.md).
# Usage: python3 hidden-faces-keypoints-analysis.py /tmp/hidden2/probe-{asis,mirror,0.8,1.25}.jsonl
# Labels: docs/measurements/hidden-faces.md (rows by centre, original photo coordinates).
# (photo key, cx, cy, label, row) from docs/measurements/hidden-faces.md, original coordinates
LABELS = [
("camera-occlusion",293,232,"no","1 tripod head"),
("apollo11",519,69,"no","2 sky"),
("office",353,245,"no","4 collar"),
("office",487,392,"no","5 sleeve"),
("office",646,468,"no","6 button"),
("crowd",414,251,"FACE","7 red cap fist"),
("crowd",479,169,"no","8 fist wristband"),
("crowd",319,139,"FACE","9 hand half face"),
("crowd",97,215,"FACE","10 white cap hand"),
("crowd",20,174,"no","12 fist edge"),
("crowd",971,77,"FACE","13 boy looking down"),
("crowd",528,83,"no","14 raised hands"),
("crowd",797,89,"no","15 clapping hands"),
("crowd",451,26,"FACE","16 camera over eyes"),
("crowd",147,120,"FACE","17 sunglasses"),
("crowd",582,169,"no","18 pointing hand"),
("crowd",1014,10,"FACE","19 corner face"),
("crowd",724,130,"no","20 neck"),
("crowd",352,134,"no","21 hair+hand"),
("lowlight",564,240,"FACE","22 visor profile"),
("lowlight",520,224,"no","23 bark"),
("lowlight",411,236,"FACE","24 brown hat"),
("lowlight",422,220,"no","25 back of head"),
("lowlight",548,238,"FACE","26 visor (hair box)"),
("lowlight",77,117,"no","28 bark 9px"),
("beach",291,250,"no","29 kite"),
("beach",592,357,"no","30 kite line"),
("back-view",278,169,"no","31 toddler ear"),
("back-view",508,16,"no","32 top strip"),
("back-view",322,341,"no","33 knot hole"),
("back-view",317,336,"no","34 knot hole"),
("coffee",208,257,"no","35 cup handle"),
("coffee",380,265,"no","36 spoon"),
]
def label(photo, cx, cy, side):
    best=None
    for key,x,y,l,row in LABELS:
        if key in photo:
            d=((x-cx)**2+(y-cy)**2)**.5
            if d <= max(side*0.6, 8) and (best is None or d<best[0]): best=(d,l,row)
    return (best[1],best[2]) if best else ("?","")

import json, sys, math, glob
import pickle
import numpy as np
def layout(d):
    b=d['box']; k=np.array(d['k']); c=np.array([(b[0]+b[2])/2,(b[1]+b[3])/2]); w=max(b[2]-b[0],1e-3)
    return ((k-c)/w).flatten()
def geom(k, b):
    k=np.array(k); w=max(b[2]-b[0],1e-3)
    R,Lf,N,M,ER,EL=k
    u=Lf-R; e=np.linalg.norm(u)+1e-6; uh=u/e; n=np.array([-uh[1],uh[0]]); mid=(R+Lf)/2
    f=dict(eyeW=e/w, roll=math.degrees(math.atan2(u[1],u[0])),
        noseD=np.dot(N-mid,n)/e, mouthD=np.dot(M-mid,n)/e, noseS=np.dot(N-mid,uh)/e,
        earR=np.dot(ER-mid,uh)/e, earL=np.dot(EL-mid,uh)/e,
        midY=(mid[1]-(b[1]+b[3])/2)/w)
    f['mMinusN']=f['mouthD']-f['noseD']
    return f
rows=[]
for fn in sys.argv[1:]:
    for line in open(fn):
        line=line.strip()
        if not line: continue
        r=json.loads(line)
        c=r['cand']; b=c['box']; side=max(b[2]-b[0],b[3]-b[1]); cx=(b[0]+b[2])/2; cy=(b[1]+b[3])/2
        lab,row=label(r['photo'],cx,cy,side)
        if r['kind']=='found': lab='found'
        views=[v for v in r['views']]
        hits=[v for v in views if v['d'] is not None]
        hitF=sum(1 for v in views if v['d'] and v['m']=='F')/sum(1 for v in views if v['m']=='F')
        hitS=sum(1 for v in views if v['d'] and v['m']=='S')/sum(1 for v in views if v['m']=='S')
        hit30=sum(1 for v in views if v['d'] and v['d']['s']>=0.3)/len(views)
        L=np.array([layout(v['d']) for v in hits]) if hits else np.zeros((0,12))
        if len(L)>=2:
            med=np.median(L,axis=0); disp=math.sqrt(np.mean(np.sum((L-med)**2,axis=1))/6)
            eyed=math.sqrt(np.mean(np.sum((L[:,:4]-med[:4])**2,axis=1))/2)
        else: disp=eyed=float('nan')
        centres=np.array([[(v['d']['box'][0]+v['d']['box'][2])/2,(v['d']['box'][1]+v['d']['box'][3])/2] for v in hits]) if hits else np.zeros((0,2))
        sizes=np.array([v['d']['box'][2]-v['d']['box'][0] for v in hits])
        bj=math.sqrt(np.mean(np.sum((centres-np.median(centres,axis=0))**2,axis=1)))/side if len(hits)>=2 else float('nan')
        sj=np.std(np.log(sizes)) if len(hits)>=2 else float('nan')
        # mirror consistency: mirrored views vs the unmirrored centred view, same model & factor
        md=[]
        for v in views:
            if v['mir']==1 and v['d']:
                for u in views:
                    if u['mir']==0 and u['m']==v['m'] and u['f']==v['f'] and u['dx']==0 and u['dy']==0 and u['d']:
                        md.append(np.linalg.norm(layout(u['d'])-layout(v['d']))/math.sqrt(6))
        mir=np.median(md) if md else float('nan')
        g=geom(c['k'],b)
        # geometry of median layout over hits
        gm=geom((np.median(L,axis=0).reshape(6,2)).tolist(),[-0.5,-0.5,0.5,0.5]) if len(L) else None
        rows.append(dict(photo=r['photo'].split('-0')[0][:22],variant=r['variant'],lab=lab,row=row,cx=round(cx),cy=round(cy),side=round(side),score=c['s'],
            hitF=hitF,hitS=hitS,hit30=hit30,disp=disp,eyed=eyed,bj=bj,sj=sj,mir=mir,nz=len(r['zoom']),zbest=max([z['s'] for z in r['zoom']],default=0),**g,
            **({('m_'+k):v for k,v in gm.items()} if gm else {})))
import pickle; ROWS=rows
cols=['score','hitF','hitS','hit30','disp','eyed','bj','sj','mir','zbest','eyeW','roll','noseD','mouthD','mMinusN','earR','earL','midY','m_eyeW','m_noseD','m_mMinusN','m_earR','m_earL','m_roll']
order={'FACE':0,'no':1,'?':2,'found':3}
rows.sort(key=lambda r:(order[r['lab']],r['row'],r['variant']))
print('lab\trow\tphoto\tvar\tcx,cy\tside\t'+'\t'.join(cols))
for r in rows:
    if r['lab']=='found' and '--found' not in sys.argv[0:1]: pass
    print(f"{r['lab']}\t{r['row'][:18]}\t{r['photo'][:14]}\t{r['variant']}\t{r['cx']},{r['cy']}\t{r['side']}\t"+'\t'.join(f"{r.get(c,float('nan')):.2f}" for c in cols))

# --- summary over hand-labelled rows (FACE / no) of every variant
lab=[r for r in ROWS if r['lab'] in ('FACE','no')]
for r in ROWS: r['absroll']=abs(r['roll'])
F=[r for r in lab if r['lab']=='FACE']; N=[r for r in lab if r['lab']=='no']; G=[r for r in ROWS if r['lab']=='found']
print(f"\n{len(F)} face rows, {len(N)} non-face rows, {len(G)} found faces <= 100 px")
for c in ['score','hit30','disp','eyed','bj','sj','mir','zbest','eyeW','noseD','mMinusN','earR','earL','absroll','m_eyeW','m_noseD','m_mMinusN']:
    f=[r[c] for r in F if r[c]==r[c]]; n=[r[c] for r in N if r[c]==r[c]]; g=[r[c] for r in G if r[c]==r[c]]
    print(f"{c}\tFACE {min(f):.2f}-{max(f):.2f} ({np.median(f):.2f})\tno {min(n):.2f}-{max(n):.2f} ({np.median(n):.2f})\tfound {np.median(g):.2f}\tno inside FACE range {sum(min(f)<=x<=max(f) for x in n)}/{len(n)}")
