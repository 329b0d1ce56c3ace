"""Signs a file with c2pa-python's own Builder (the reference signer), for Echt's interop tests.
usage: sign.py IN OUT MIME CERT_CHAIN.pem KEY.pem [PARENT]   (ES256, no time-stamp, offline)"""
import sys
import c2pa

src, dst, mime, cert, key = sys.argv[1:6]
parent = sys.argv[6] if len(sys.argv) > 6 else None
settings = {"verify": {"remote_manifest_fetch": False, "ocsp_fetch": False},
            "builder": {"thumbnail": {"enabled": False}}}
signer = c2pa.Signer.from_info(c2pa.C2paSignerInfo(
    alg=c2pa.C2paSigningAlg.ES256, sign_cert=open(cert, "rb").read(), private_key=open(key, "rb").read(), ta_url=None))
first = ({"action": "c2pa.opened", "parameters": {"ingredientIds": ["parent"]}} if parent else
         {"action": "c2pa.created", "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"})
manifest = {"claim_generator_info": [{"name": "c2pa-python reference", "version": c2pa.sdk_version()}],
            "title": dst.split("/")[-1],
            "assertions": [{"label": "c2pa.actions.v2", "created": True, "data": {"actions": [first]}}]}
with c2pa.Builder(manifest, c2pa.Context.from_dict(settings)) as builder:
    if parent:
        with open(parent, "rb") as ingredient:
            builder.add_ingredient({"title": parent.split("/")[-1], "relationship": "parentOf", "label": "parent"}, mime, ingredient)
    with open(src, "rb") as source, open(dst, "w+b") as out:
        builder.sign(signer, mime, source, out)
print(dst)
