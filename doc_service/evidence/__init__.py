"""Evidence: PAdES signatures, timestamped anchors, bundles that verify offline."""
