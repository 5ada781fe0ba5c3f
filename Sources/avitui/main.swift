print("avitui")
