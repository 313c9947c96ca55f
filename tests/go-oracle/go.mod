module atlas-go-oracle

go 1.19
