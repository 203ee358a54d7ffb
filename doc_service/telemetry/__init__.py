"""Operations telemetry: Prometheus metrics (multi-process aware) and OpenTelemetry traces."""
