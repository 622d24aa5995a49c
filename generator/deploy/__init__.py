"""Publishing a built site beyond GitHub Pages: object storage behind a CDN (see `s3`).

`plan` decides, from the built folder alone, what every object is (key, bytes, headers);
`s3` compares that with what the bucket holds and sends only the difference.
"""
