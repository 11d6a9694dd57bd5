// Replaced by the console implementation.
int main() { return 1; }
