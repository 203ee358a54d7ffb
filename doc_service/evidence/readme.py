"""The README every evidence bundle carries, in Chinese and in English."""

README = """证据包 / Evidence bundle
========================

【中文】
本压缩包证明一份文书由本服务出具且未被改动，无需访问本服务或其数据库即可核验。

  document.*           出具的文书原件（PDF 可能带 PAdES 电子签名及可信时间戳）
  record.json          该文书的审计记录（record_hash 覆盖其中各字段）
  payload.json         生成文书所用案件数据的规范化 JSON（RFC 8785），其哈希即 payload_sha256
  template/            生成文书所用模板版本的全部文件，其清单哈希即记录中的模板版本号
  chain.json           自该记录起至下一个锚点的哈希链片段
  anchor.json          锚点：记录数、链头、审计事件链头及其摘要
  anchor.tsr           时间戳机构（TSA）对锚点摘要签发的 RFC 3161 时间戳令牌（含证书链）
  certificates/        本服务信任的根证书；请与公开发布的根证书指纹比对
  manifest.json        以上各文件的 SHA-256

核验方法：python -m doc_service.evidence verify 证据包.zip [--trust-roots 根证书.pem]
核验内容：文书哈希、案件数据哈希、模板版本、记录哈希、哈希链接、锚点摘要、时间戳令牌及电子签名。
任何一个文件被改动，核验结果都会指明该文件及其不符之处。

[English]
This archive proves that a document was issued by this service and not altered since, and can
be checked without the service or its database.

  document.*           the issued document (a PDF may carry a PAdES signature with a timestamp)
  record.json          its audit record (record_hash covers its fields)
  payload.json         the canonical (RFC 8785) case data it was rendered from: payload_sha256
  template/            every file of the pinned template version: their manifest hash is the version
  chain.json           the hash chain from this record to the next anchor
  anchor.json          the anchor: record count, chain head, audit events head, and their digest
  anchor.tsr           the TSA's RFC 3161 timestamp token over the anchor digest, with its chain
  certificates/        the roots this service trusts: compare their fingerprints with the
                       published ones
  manifest.json        the SHA-256 of every file above

Verify: python -m doc_service.evidence verify bundle.zip [--trust-roots roots.pem]
It checks the document, payload and template hashes, the record hash, every chain link, the
anchor digest, the timestamp token and the signature. Any single altered file is named, with
what no longer matches.
"""
