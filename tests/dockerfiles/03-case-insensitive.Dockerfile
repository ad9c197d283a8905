from alpine AS Base
Run echo mixed
cmd echo lower
WorkDir /app
