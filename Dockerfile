# A static residue binary on a minimal base. The CronJobs in
# deploy/kubernetes run it with /bin/sh -c, so the base keeps a shell.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/residue ./cmd/residue

FROM busybox:1.37-musl
COPY --from=build /out/residue /usr/local/bin/residue
USER 65532:65532
ENTRYPOINT ["residue"]
