console.log("rollwatch")
