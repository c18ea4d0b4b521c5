package p

var sink *int

func F(c bool) {
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
for c {
{
x := 0
sink = &x
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
