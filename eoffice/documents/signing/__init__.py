"""PAdES signing with pyHanko: keys (PKCS#12 or PKCS#11), levels B-B to B-LTA."""
